/**
 * Command-line options for the scripts and benchmarks, on Node's util.parseArgs: `--name value` or `--name=value`,
 * boolean flags (`--load`; `--no-pg` for a flag that is on by default), `-h` or `--help` prints the usage. An unknown
 * option, a stray argument or a number that is not one prints the problem and the usage, and exits with code 1.
 *
 * Lives under scripts/ (not bench/) so that the CLIs the image builds (scripts/*.ts) and the benchmarks share it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowNegative: true; allowPositionals: false }>
>['values'];

export interface Cli<O extends Options> {
  values: Values<O>;
  /** A numeric option: `fallback` when absent; a value that is not a finite number is a usage error. */
  number(name: keyof O & string, fallback: number): number;
  /** Prints the message and the usage on standard error, exits with code 1. */
  fail(message: string): never;
}

export function readOptions<const O extends Options>(
  usage: string,
  options: O,
  argv: readonly string[] = process.argv.slice(2),
): Cli<O> {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(1);
  };
  if (argv.some((a) => a === '-h' || a === '--help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  let values: Values<O>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowNegative: true, allowPositionals: false }).values;
  } catch (err) {
    return fail((err as Error).message);
  }
  const raw = values as Record<string, unknown>;
  return {
    values,
    fail,
    number(name, fallback) {
      const value = raw[name];
      if (value === undefined) return fallback;
      const n = Number(value);
      return Number.isFinite(n) && value !== '' ? n : fail(`--${name} must be a number, not "${String(value)}"`);
    },
  };
}
