/**
 * npm run backup -- --tm NAME --out DIR [--no-redis-dump]
 *
 * A backup of one TM in DIR: `<tm>.tmx` (the whole TM as TMX 1.4b through the same streamed export as GET
 * /api/v1/tms/:tm/export, variants kept apart included: portable, readable by any CAT tool, and what `npm run
 * restore` imports by default), `<tm>.redis-dump.ndjson` (every key of the TM as Redis's DUMP gives it: documents,
 * rows, unit fields, change log; `npm run restore -- DIR --redis-dump` puts them back exactly) and `manifest.json`.
 * Talks to Redis directly (REDIS_URL or REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server); no server needed.
 * Nothing is created before the TM is found. Rerun into the same DIR, the old manifest is removed first; each file is
 * written as `<file>.partial` and renamed once complete, and the manifest (each file's size and SHA-256, the dump's
 * key count) is written last: an interrupted or failed run leaves no manifest vouching for files it did not finish.
 * See docs/reliability.md, "Durability and backup".
 */
import fs from 'node:fs';
import path from 'node:path';
import { dumpTm, SCHEMA_VERSION } from '../src/store';
import { readOptions } from './lib/cli';
import { fileCheck, MANIFEST, type BackupManifest } from './lib/backup';
import { checkTmNames, withTm } from './lib/tm';

const USAGE = `usage: npm run backup -- --tm NAME --out DIR [--no-redis-dump]
  Writes DIR/<tm>.tmx, DIR/<tm>.redis-dump.ndjson (unless --no-redis-dump) and DIR/manifest.json (last).
  Talks to Redis directly (REDIS_URL, MIZAN_KEY_PREFIX as for the server).`;

const cli = readOptions(USAGE, {
  tm: { type: 'string' },
  out: { type: 'string' },
  'redis-dump': { type: 'boolean', default: true },
});
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Files this run is writing, removed if it fails or is interrupted. */
const partial = new Set<string>();
let started = false;
const removePartial = () => {
  for (const file of partial) fs.rmSync(file, { force: true });
  partial.clear();
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => {
    removePartial();
    log(`backup interrupted${started ? `: no manifest written, ${cli.values.out} is not a backup` : ''}`);
    process.exit(code);
  });

/** Opens `<file>.partial` for writing (an open error thrown at once), its stream's errors kept for `settled`. */
async function openPartial(file: string) {
  const temp = `${file}.partial`;
  const stream = (await fs.promises.open(temp, 'w')).createWriteStream();
  partial.add(temp);
  let failure: Error | undefined;
  stream.on('error', (err) => (failure ??= err));
  return {
    stream,
    /** Throws the stream's error if any; else renames the finished file into place. */
    settled() {
      if (failure) throw failure;
      fs.renameSync(temp, file);
      partial.delete(temp);
    },
  };
}

const endStream = (sink: fs.WriteStream) =>
  new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));

async function main(): Promise<number> {
  const { tm: name, out } = cli.values;
  if (!name) return cli.fail('--tm is required');
  if (!out) return cli.fail('--out DIR is required');
  await checkTmNames([name], cli.fail);
  return withTm(async (tm) => {
    const { store } = tm;
    const counts = (await tm.listTms()).find((t) => t.name === name);
    if (!counts) return (log(`no TM "${name}" under the prefix "${store.keys.prefix}"`), 1);
    fs.mkdirSync(out, { recursive: true });
    started = true;
    fs.rmSync(path.join(out, MANIFEST), { force: true }); // it vouched for files this run replaces
    const seqBefore = await store.log.seq(name);
    const files: BackupManifest['files'] = { tmx: `${name}.tmx` };
    const tmx = await openPartial(path.join(out, files.tmx));
    const exported = await tm.exportTm(name, tmx.stream, {
      format: 'tmx',
      langs: ['ar', 'en', 'zh'],
      apart: true,
      toolVersion: 'backup',
    });
    tmx.settled();
    log(`${files.tmx}: ${exported.written} units`);
    let keys: number | undefined;
    if (cli.values['redis-dump']) {
      files.redisDump = `${name}.redis-dump.ndjson`;
      const dump = await openPartial(path.join(out, files.redisDump));
      const sink = dump.stream;
      keys = await dumpTm(store.redis, store.keys, name, (key) => {
        if (!sink.write(`${JSON.stringify(key)}\n`)) return new Promise((r) => sink.once('drain', r));
      });
      await endStream(sink);
      dump.settled();
      log(`${files.redisDump}: ${keys} keys`);
    }
    const checks: BackupManifest['checks'] = {};
    for (const file of Object.values(files)) checks[file] = await fileCheck(path.join(out, file));
    const seq = await store.log.seq(name);
    const manifest: BackupManifest = {
      format: 'mizan-backup',
      version: 1,
      tm: name,
      prefix: store.keys.prefix,
      schema: SCHEMA_VERSION,
      created: new Date().toISOString(),
      units: counts.units,
      documents: counts.documents,
      seq,
      consistent: seq === seqBefore,
      files,
      ...(keys !== undefined && { keys }),
      checks,
    };
    const manifestFile = path.join(out, MANIFEST);
    partial.add(`${manifestFile}.partial`);
    fs.writeFileSync(`${manifestFile}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(`${manifestFile}.partial`, manifestFile);
    partial.clear();
    started = false;
    if (!manifest.consistent)
      log(`the TM was written during the backup (seq ${seqBefore} → ${seq}): run it again for a copy of one moment`);
    process.stdout.write(`${JSON.stringify(manifest)}\n`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    removePartial();
    log(`backup failed: ${String((err as Error)?.message ?? err)}`);
    if (started) log(`no manifest written: ${cli.values.out} is not a backup`);
    process.exit(1);
  },
);
