/**
 * npm run tmx -- import FILE --tm NAME
 * npm run tmx -- export --tm NAME --out FILE [--format tmx|tsv] [--langs en,zh] [--apart]
 *
 * TMX import and export straight against Redis through the service (REDIS_URL and MIZAN_KEY_PREFIX as for the
 * server), no server needed: the same import job as POST /api/v1/tms/:tm/imports (staged, then committed; all or
 * nothing; Ctrl-C or SIGTERM while the file is read cancels it and leaves the TM as it was; once the commit has
 * begun it completes), and the same streamed export as GET /api/v1/tms/:tm/export, written whole or not at all
 * (lib/output-file.ts). A progress bar goes to standard error; the job's report (JSON) to standard output.
 */
import fs from 'node:fs';
import { ConfigError, loadConfig } from '../src/config';
import pkg from '../package.json';
import { ErrorCode, isMizanError } from '../src/errors';
import { exportLanguages, requireTmName, type JobView, type TmExportFormat } from '../src/service';
import { isUnavailable } from '../src/store';
import type { Lang } from '../src/types';
import { readOptions } from './lib/cli';
import { fileError as sharedFileError } from './lib/files';
import { openOutput, outputTarget } from './lib/output-file';
import { endBar, throttled } from './lib/progress';
import { describeError, openTm, redisAddress, RedisUnreachableError, type OpenTm } from './lib/tm';

const USAGE = `usage: npm run tmx -- import FILE --tm NAME
       npm run tmx -- export --tm NAME --out FILE [--format tmx|tsv] [--langs en,zh] [--apart]
  Talks to Redis directly (REDIS_URL, MIZAN_KEY_PREFIX as for the server). Import is all or nothing: Ctrl-C while
  the file is read cancels it and leaves the TM as it was; once it commits, it completes. Export writes FILE whole
  or not at all (a failed or interrupted export leaves FILE as it was). --langs names the targets (default en,zh;
  Arabic, the source, is always written; en_GB, zh-Hans… as anywhere else). --apart also exports variants kept
  apart (Traditional Chinese…).`;

// `--help` (or any option) first names no command: readOptions then sees it and prints the usage.
const argv = process.argv.slice(2);
const command = argv[0]?.startsWith('-') ? undefined : argv[0];
const rest = command === undefined ? argv : argv.slice(1);
const file = command === 'import' && rest[0] && !rest[0].startsWith('--') ? rest.shift() : undefined;
const cli = readOptions(
  USAGE,
  {
    tm: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    langs: { type: 'string' },
    apart: { type: 'boolean', default: false },
  },
  rest,
  { command, takes: { import: ['tm'], export: ['tm', 'out', 'format', 'langs', 'apart'] } },
);
const args = cli.values;
const log = (s: string) => process.stderr.write(`${s}\n`);
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** The exit code of a command a signal stopped, as a shell reports it: 128 + the signal's number. */
const signalled = (signal: NodeJS.Signals) => 128 + (signal === 'SIGINT' ? 2 : 15);

/** The export's own wording of some file errors (its output's checks, its temporary file), over the common one. */
const OUTPUT_ERRORS: Record<string, string> = {
  ENOTREG: 'not a regular file (left alone)',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'its temporary file is in the way',
};

/** `tmx: cannot <verb> <path>: <why>` for a file error (lib/files.ts); else the error as it is. */
const fileError = (verb: string, path: string, err: unknown) =>
  `tmx: ${sharedFileError(verb, path, err, OUTPUT_ERRORS)}`;

/** The size of the file to import, or undefined (the problem said) when it cannot be read. */
function importable(path: string): number | undefined {
  try {
    fs.accessSync(path, fs.constants.R_OK);
    const stat = fs.statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    return stat.size;
  } catch (err) {
    log(fileError('read', path, err));
    return undefined;
  }
}

/** The TM as the server sees it (REDIS_URL, MIZAN_KEY_PREFIX …), the schema version checked first (lib/tm.ts). */
const open = (): Promise<OpenTm> => openTm(loadConfig(process.env, { redisTimeoutMs: 60_000 }));

/** An error of the work with Redis, in one line: a lost Redis named by its address. */
async function describe(err: unknown): Promise<string> {
  if (!isUnavailable(err)) return describeError(err);
  return `lost Redis at ${redisAddress(loadConfig(process.env))} (${await describeError(err)})`;
}

async function importFile(path: string, name: string): Promise<number> {
  const size = importable(path);
  if (size === undefined) return 1;
  const { config, tm, close } = await open();
  const show = throttled();
  let job: JobView | undefined;
  const aborted = new AbortController();
  const id = await tm.imports.create(name, path.split('/').pop()!);
  let stoppedBy: NodeJS.Signals | undefined;
  // The job's own transition decides (jobTransition): a cancel is taken while the job reads, refused once it commits.
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppedBy) return log(`\n${signal}: already asked to stop (${stoppedBy}); waiting for the import to end`);
    stoppedBy = signal;
    tm.imports.cancel(id).then(
      () => {
        log(`\n${signal}: cancelling the import; the TM stays as it was`);
        aborted.abort();
      },
      async (err: unknown) => {
        if (isMizanError(err) && err.code === ErrorCode.JOB_NOT_CANCELLABLE) {
          stoppedBy = undefined; // the import ends as it would have: its outcome is the exit code
          const status = String(err.params.status);
          return log(
            status === 'committing'
              ? `\n${signal}: the commit is under way and will complete; it cannot be cancelled now`
              : `\n${signal}: the import has already ended (${status})`,
          );
        }
        aborted.abort(); // the job's record could not be told: stop the reading here, which records the cancel
        log(`\n${signal}: cancelling the import (${await describe(err)})`);
      },
    );
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const onProgress = (j: JobView) => {
    job = j;
    if (j.status === 'committing' || j.status === 'done')
      show(
        j.units.written,
        j.units.staged,
        `committing ${j.units.written}/${j.units.staged} units`,
        j.status === 'done',
      );
    else show(j.bytes.read, size, `${j.units.read} units read, ${j.units.staged} staged`);
  };
  try {
    // Named by its path: the import reads it and its job reports the bytes read so far (the bar above).
    const options = { file: path.split('/').pop()!, maxBytes: config.maxImportMb * 2 ** 20, onProgress };
    await tm.imports.read(id, name, { path }, { ...options, signal: aborted.signal });
    const result = await tm.imports.commit(id, name, options);
    endBar();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.status === 'done') return 0;
    return stoppedBy ? signalled(stoppedBy) : 1;
  } catch (err) {
    endBar();
    log(`import failed: ${await describe(err)}`);
    if (job || stoppedBy) log(`job ${id}: nothing was written to TM "${name}"`);
    return stoppedBy ? signalled(stoppedBy) : 1;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    await close();
  }
}

/** `--langs` read as the server reads `langs` (exportLanguages): en,zh means ar, en and zh. */
function readLangs(value: string): Lang[] {
  try {
    return exportLanguages(value, '--langs');
  } catch (err) {
    if (!isMizanError(err)) throw err;
    return cli.fail(`--langs "${value}": ${err.code}; name en and/or zh (ar is implied), as BCP 47 or POSIX tags`);
  }
}

/**
 * Exports into a temporary file beside the output, renamed over it once complete (lib/output-file.ts): the output
 * is checked first, the TM (and so Redis) next, and only then is anything created; a failure or a signal removes the
 * temporary file, and the file that was at --out is left as it was.
 */
async function exportFile(name: string, out: string): Promise<number> {
  const format = (args.format ?? (out.endsWith('.tsv') ? 'tsv' : 'tmx')) as TmExportFormat;
  if (format !== 'tmx' && format !== 'tsv') cli.fail(`--format must be tmx or tsv`);
  const langs = readLangs(args.langs || 'ar,en,zh');
  let target: string;
  try {
    target = outputTarget(out);
  } catch (err) {
    log(fileError('write', out, err));
    return 1;
  }
  const { tm, close } = await open();
  try {
    await tm.requireTm(name);
  } catch (err) {
    log(`export failed: ${await describe(err)}`);
    await close();
    return 1;
  }
  const existed = fs.existsSync(target);
  let output: ReturnType<typeof openOutput>;
  try {
    output = openOutput(target);
  } catch (err) {
    log(fileError('write', out, err));
    await close();
    return 1;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    output.discard();
    endBar();
    log(`\n${signal}: export interrupted; ${existed ? `${out} left as it was` : `no ${out} written`}`);
    process.exit(signalled(signal));
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  // Heard at once, whenever it comes (a full disk): unheard, an 'error' event ends the process mid-export.
  let failure: Error | undefined;
  output.stream.on('error', (err) => (failure ??= err));
  try {
    const total = (await tm.listTms()).find((t) => t.name === name)?.units ?? 0;
    const show = throttled();
    const result = await tm.exportTm(name, output.stream, {
      format,
      langs,
      apart: args.apart,
      toolVersion: pkg.version, // as the server writes it: the file says which mizan made it, not how
      progress: (written) => show(written, total, `${written} units written`),
    });
    if (failure) throw failure;
    output.commit();
    show(total, total, `${result.written} units written to ${out}`, true);
    endBar();
    if (result.skipped > 0) log(`${result.skipped} units left out (no text in the languages asked for)`);
    return 0;
  } catch (err) {
    output.discard(); // only the temporary file: what was at --out stays
    endBar();
    const code = (err as NodeJS.ErrnoException)?.code;
    const ofFile = failure !== undefined || (typeof code === 'string' && !isMizanError(err) && !isUnavailable(err));
    log(ofFile ? fileError('write', out, failure ?? err) : `export failed: ${await describe(err)}`);
    log(existed ? `${out} left as it was` : `no ${out} written`);
    return 1;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    await close();
  }
}

async function main(): Promise<number> {
  if (command !== 'import' && command !== 'export')
    return cli.fail(
      command === undefined ? 'name a command: import or export' : `unknown command "${command}": import or export`,
    );
  if (args.tm === undefined) return cli.fail('--tm is required');
  const name = requireTmName(args.tm, '--tm');
  if (command === 'import') return file ? importFile(file, name) : cli.fail('import needs a FILE');
  return args.out ? exportFile(name, args.out) : cli.fail('export needs --out FILE');
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    endBar();
    if (err instanceof ConfigError) log(`tmx: invalid configuration: ${err.problems.join('; ')}`);
    else if (err instanceof RedisUnreachableError || isMizanError(err)) log(`tmx: ${await describeError(err)}`);
    else log(String((err as Error)?.stack ?? err));
    process.exit(1);
  },
);
