/**
 * Command-line options for the scripts and benchmarks, on Node's util.parseArgs: `--name value` or `--name=value`,
 * boolean flags (`--load`; `--no-pg` for a flag that is on by default). `-h` or `--help` anywhere on the command line
 * (before a `--`) prints the usage on standard output and exits 0, even where the script took its first arguments as
 * a command or a file before reading its options. An unknown option, a stray argument, a number that is not one, or
 * an option the subcommand does not take (`commands`) prints the problem and the usage, and exits with code 1.
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

/**
 * Which options each subcommand takes: `{ command, takes: { import: ['tm'], export: ['tm', 'out'] } }`. An option
 * given to a command named in `takes` and not in its list is refused ("import does not take --out"); a command not
 * named there (none, or an unknown one, which the script reports) is not checked.
 */
export interface Subcommands<O extends Options> {
  command: string | undefined;
  takes: Record<string, readonly (keyof O & string)[]>;
}

/** True when the user asked for help: `-h` or `--help` among the arguments, before a `--`. */
function helpAsked(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

export function readOptions<const O extends Options>(
  usage: string,
  options: O,
  argv: readonly string[] = process.argv.slice(2),
  commands?: Subcommands<O>,
): Cli<O> {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(1);
  };
  // The whole command line too: `restore --help`, `xliff analyze --help` took --help as DIR or FILE before this.
  if (helpAsked(argv) || helpAsked(process.argv.slice(2))) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  let values: Values<O>;
  let given: string[];
  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowNegative: true,
      allowPositionals: false,
      tokens: true,
    });
    values = parsed.values as Values<O>;
    given = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  } catch (err) {
    return fail((err as Error).message);
  }
  const command = commands?.command;
  const takes = command !== undefined && Object.hasOwn(commands!.takes, command) ? commands!.takes[command] : undefined;
  const refused = takes && given.find((name) => !(takes as readonly string[]).includes(name));
  if (refused) fail(`${command} does not take --${refused}`);
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
