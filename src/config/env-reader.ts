/**
 * Typed reads of environment variables for loadConfig (config.ts): each reader method falls back to a default when
 * the variable is unset and records a problem, rather than throwing, when it is set wrong.
 */
import fs from 'node:fs';

export type Env = Record<string, string | undefined>;

/** Reads typed values from the environment, collecting every problem rather than stopping at the first. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    return this.env[name] || fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be 1/0, true/false, yes/no or on/off (got "${this.env[name]}")`);
    return fallback;
  }

  /**
   * A string that `valid` accepts; otherwise the problem is `${name} ${rule} (got "…")`, the value quoted as `show`
   * shows it (shownUrl: a URL without its password).
   */
  checked(
    name: string,
    fallback: string,
    valid: (value: string) => boolean,
    rule: string,
    show: (value: string) => string = (value) => value,
  ): string {
    const value = this.str(name, fallback);
    if (!valid(value)) this.problems.push(`${name} ${rule} (got "${show(value)}")`);
    return value;
  }

  /**
   * A value `parse` reads from the variable, or `fallback` when it is unset; a refusal (`{ problem }`) is recorded as
   * `${name} ${problem} (got "…")`, the value quoted as `show` shows it.
   */
  parsed<T extends object>(
    name: string,
    fallback: T,
    parse: (value: string) => T | { problem: string },
    show: (value: string) => string = (value) => value,
  ): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = parse(raw);
    if (!('problem' in value)) return value;
    this.problems.push(`${name} ${value.problem} (got "${show(raw)}")`);
    return fallback;
  }

  /** A secret matching `pattern`, or undefined when unset; a problem never quotes the value. */
  secret(name: string, pattern: RegExp, rule: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') return undefined;
    if (pattern.test(value)) return value;
    this.problems.push(`${name} ${rule}`);
    return undefined;
  }

  /** A comma-separated list; every item must pass `valid`. */
  /**
   * A comma-separated list, each item brought to its written form by `read`, which answers a string, or why the item
   * is refused (`{ problem }`, said after the rule).
   */
  list(name: string, read: (item: string) => string | { problem: string }, rule: string): string[] {
    const items = (this.env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const out: string[] = [];
    for (const item of items) {
      const value = read(item);
      if (typeof value === 'string') out.push(value);
      else this.problems.push(`${name} ${rule}: "${item}" ${value.problem}`);
    }
    return out;
  }

  /** One of a few words. */
  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const rule = `must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
    return this.checked(name, fallback, (v) => (allowed as readonly string[]).includes(v), rule) as T;
  }
}

/** Whether `dir` is a directory this process may create files in. */
export function writableDir(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
