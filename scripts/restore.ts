/**
 * npm run restore -- DIR [--tm NAME] [--redis-dump [--replace]]
 *
 * Puts back a TM that `npm run backup` wrote to DIR (as the TM it was, or as --tm NAME).
 * - By default from `<tm>.tmx`, through the same import job as POST /api/v1/tms/:tm/imports: staged, then committed,
 *   all or nothing (a failure or Ctrl-C leaves the TM as it was); units are merged into the TM if it exists (the TMX
 *   wins over a unit with the same Arabic). Units come back with their texts, inline codes and TMX metadata, keyed
 *   by their Arabic; documents do not (a TMX holds units): their rows come back as units outside any document.
 * - With --redis-dump, from `<tm>.redis-dump.ndjson` with RESTORE: every key exactly as it was (documents, rows, unit
 *   ids, change log), refused if the TM exists unless --replace (which first deletes the TM's keys). Needs the same
 *   schema version and a Redis at least as new as the one dumped from. Running instances see the TM's seq go back and
 *   rebuild their index of it (service/mirror.ts).
 * Talks to Redis directly (REDIS_URL or REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMizanError } from '../src/errors';
import { deleteTm, restoreTm, SCHEMA_VERSION, type DumpedKey } from '../src/store';
import { MANIFEST, type BackupManifest } from './lib/backup';
import { readOptions } from './lib/cli';
import { describeError, withTm } from './lib/tm';

const USAGE = `usage: npm run restore -- DIR [--tm NAME] [--redis-dump [--replace]]
  Imports DIR/<tm>.tmx (all or nothing), or with --redis-dump restores every key of the TM exactly.`;

const [dir, ...rest] = process.argv.slice(2);
const cli = readOptions(
  USAGE,
  {
    tm: { type: 'string' },
    'redis-dump': { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
  rest,
);
const log = (s: string) => process.stderr.write(`${s}\n`);

function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST);
  if (!fs.existsSync(file)) cli.fail(`${file} not found: DIR must be a folder written by npm run backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 'mizan-backup' || manifest.version !== 1) cli.fail(`${file} is not a mizan backup manifest`);
  return manifest;
}

function* dumped(file: string): Generator<DumpedKey> {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.trim()) yield JSON.parse(line) as DumpedKey;
}

async function main(): Promise<number> {
  if (!dir || dir.startsWith('--')) return cli.fail('DIR is required');
  const manifest = readManifest(dir);
  const name = cli.values.tm ?? manifest.tm;
  return withTm(async (tm, config) => {
    const { store } = tm;
    if (cli.values['redis-dump']) {
      if (!manifest.files.redisDump) return (log('this backup has no Redis dump (made with --no-redis-dump)'), 1);
      if (manifest.schema !== SCHEMA_VERSION)
        return (log(`the dump has schema version ${manifest.schema}, this mizan ${SCHEMA_VERSION}`), 1);
      if (await store.tmExists(name)) {
        if (!cli.values.replace) return (log(`TM "${name}" exists: --replace deletes it first`), 1);
        log(`TM "${name}": ${await deleteTm(store.redis, store.keys, name)} keys deleted`);
      }
      const keys = await restoreTm(store.redis, store.keys, name, dumped(path.join(dir, manifest.files.redisDump)));
      log(`TM "${name}": ${keys} keys restored (seq ${manifest.seq})`);
      return 0;
    }
    const file = path.join(dir, manifest.files.tmx);
    try {
      const result = await tm.imports.run(
        name,
        { path: file },
        {
          file: manifest.files.tmx,
          maxBytes: Math.max(config.maxImportMb * 2 ** 20, fs.statSync(file).size),
        },
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      log(`TM "${name}": ${result.units.written} units written, ${result.units.unchanged} unchanged`);
      return result.status === 'done' ? 0 : 1;
    } catch (err) {
      log(`restore failed: ${isMizanError(err) ? await describeError(err) : String(err)}`);
      log(`nothing was written to TM "${name}"`);
      return 1;
    }
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`restore failed: ${String((err as Error)?.message ?? err)}`);
    process.exit(1);
  },
);
