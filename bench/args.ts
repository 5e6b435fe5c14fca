/** Tiny argv parser for the bench scripts: --name value, --flag, --no-flag. */
export function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const name = arg.slice(2);
    if (name.startsWith('no-')) out[name.slice(3)] = false;
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) out[name] = argv[++i]!;
    else out[name] = true;
  }
  return out;
}

export function numberArg(args: Record<string, string | boolean>, name: string, fallback: number): number {
  const value = args[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
