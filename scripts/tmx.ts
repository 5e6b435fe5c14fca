/**
 * npm run tmx -- import FILE --tm NAME
 * npm run tmx -- export --tm NAME --out FILE [--format tmx|tsv] [--langs en,zh] [--apart]
 *
 * TMX import and export straight against Redis through the service (REDIS_URL and MIZAN_KEY_PREFIX as for the
 * server), no server needed: the same import job as POST /api/v1/tms/:tm/imports (staged, then committed; all or
 * nothing; Ctrl-C cancels it and leaves the TM as it was), and the same streamed export as GET
 * /api/v1/tms/:tm/export. A progress bar goes to standard error; the job's report (JSON) to standard output.
 */
import fs from 'node:fs';
import { loadConfig } from '../src/config';
import pkg from '../package.json';
import { isMizanError } from '../src/errors';
import { exportLanguages, type JobView, type TmExportFormat } from '../src/service';
import type { Lang } from '../src/types';
import { readOptions } from './lib/cli';
import { describeError, openTm } from './lib/tm';

const USAGE = `usage: npm run tmx -- import FILE --tm NAME
       npm run tmx -- export --tm NAME --out FILE [--format tmx|tsv] [--langs en,zh] [--apart]
  Talks to Redis directly (REDIS_URL, MIZAN_KEY_PREFIX as for the server). Import is all or nothing: Ctrl-C
  cancels it and leaves the TM as it was. --langs names the targets (default en,zh; Arabic, the source, is always
  written; en_GB, zh-Hans… as anywhere else). --apart also exports variants kept apart (Traditional Chinese…).`;

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
);
const args = cli.values;
const log = (s: string) => process.stderr.write(`${s}\n`);

function bar(done: number, total: number, label: string): void {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const percent = String(Math.round(share * 100)).padStart(3);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${label}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(90)}` : `${line}\n`);
}

/** Redraws at most every 100 ms on a terminal, every 5 % otherwise; `total` may change from one call to the next. */
function throttled() {
  let last = 0;
  let lastShare = -1;
  return (done: number, total: number, label: string, force = false) => {
    const t = Date.now();
    const share = Math.floor((done / Math.max(1, total)) * 20);
    if (!force && (process.stderr.isTTY ? t - last < 100 : share === lastShare)) return;
    last = t;
    lastShare = share;
    bar(done, total, label);
  };
}

/** What an errno of a file the command reads or writes means, in a few words. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  EROFS: 'read-only file system',
};

/** `tmx: cannot <verb> <path>: <why>` for a file error; else the error as it is. */
function fileError(verb: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' && verb === 'write' ? 'no such directory' : FILE_ERRORS[code ?? ''];
  return `tmx: cannot ${verb} ${path}: ${why ?? (err as Error)?.message ?? String(err)}`;
}

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

/**
 * The export's output, opened (created or emptied) before anything is exported, so that a path that cannot be
 * written fails at once; undefined (the problem said) when it cannot be.
 */
async function openOutput(path: string): Promise<fs.WriteStream | undefined> {
  try {
    return (await fs.promises.open(path, 'w')).createWriteStream();
  } catch (err) {
    log(fileError('write', path, err));
    return undefined;
  }
}

/** The TM as the server sees it (REDIS_URL, MIZAN_KEY_PREFIX …), the schema version checked first (lib/tm.ts). */
const open = () => openTm(loadConfig(process.env, { redisTimeoutMs: 60_000 }));

async function importFile(path: string, name: string): Promise<number> {
  const size = importable(path);
  if (size === undefined) return 1;
  const { config, tm, close } = await open();
  const show = throttled();
  let job: JobView | undefined;
  const aborted = new AbortController();
  process.once('SIGINT', () => {
    log('\ncancelling: the TM stays as it was');
    aborted.abort();
  });
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
    const result = await tm.imports.run(
      name,
      { path },
      {
        file: path.split('/').pop()!,
        maxBytes: config.maxImportMb * 2 ** 20,
        signal: aborted.signal,
        onProgress,
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.status === 'done' ? 0 : 1;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    log(`import failed: ${isMizanError(err) ? await describeError(err) : String(err)}`);
    if (job) log(`job ${job.id}: nothing was written to TM "${name}"`);
    return 1;
  } finally {
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

async function exportFile(name: string, out: string): Promise<number> {
  const format = (args.format ?? (out.endsWith('.tsv') ? 'tsv' : 'tmx')) as TmExportFormat;
  if (format !== 'tmx' && format !== 'tsv') cli.fail(`--format must be tmx or tsv`);
  const langs = readLangs(args.langs || 'ar,en,zh');
  const output = await openOutput(out);
  if (!output) return 1;
  // Heard at once, whenever it comes (a full disk): unheard, an 'error' event ends the process mid-export.
  let failure: Error | undefined;
  output.on('error', (err) => (failure ??= err));
  const { tm, close } = await open();
  try {
    await tm.requireTm(name);
    const total = (await tm.listTms()).find((t) => t.name === name)?.units ?? 0;
    const show = throttled();
    const result = await tm.exportTm(name, output, {
      format,
      langs,
      apart: args.apart,
      toolVersion: pkg.version, // as the server writes it: the file says which mizan made it, not how
      progress: (written) => show(written, total, `${written} units written`),
    });
    if (failure) throw failure;
    show(total, total, `${result.written} units written to ${out}`, true);
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (result.skipped > 0) log(`${result.skipped} units left out (no text in the languages asked for)`);
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    const problem = failure ?? err;
    log(isMizanError(problem) ? `export failed: ${await describeError(problem)}` : fileError('write', out, problem));
    output.destroy();
    fs.rmSync(out, { force: true }); // a file cut short is worse than none
    return 1;
  } finally {
    await close();
  }
}

async function main(): Promise<number> {
  if (command !== 'import' && command !== 'export')
    return cli.fail(
      command === undefined ? 'name a command: import or export' : `unknown command "${command}": import or export`,
    );
  if (!args.tm) return cli.fail('--tm is required');
  if (command === 'import') return file ? importFile(file, args.tm) : cli.fail('import needs a FILE');
  return args.out ? exportFile(args.tm, args.out) : cli.fail('export needs --out FILE');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(String((err as Error)?.stack ?? err));
    process.exit(1);
  },
);
