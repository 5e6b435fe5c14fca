/**
 * npm run restore -- DIR [--tm NAME] [--redis-dump [--replace]]
 *
 * Puts back a TM that `npm run backup` wrote to DIR (as the TM it was, or as --tm NAME).
 * - By default from `<tm>.tmx`, through the same import job as POST /api/v1/tms/:tm/imports: staged, then committed,
 *   all or nothing (a failure or Ctrl-C leaves the TM as it was); units are merged into the TM if it exists (the TMX
 *   wins over a unit with the same Arabic). Units come back with their texts, inline codes and TMX metadata, keyed
 *   by their Arabic; documents do not (a TMX holds units): their rows come back as units outside any document.
 * - With --redis-dump, from `<tm>.redis-dump.ndjson` with RESTORE: every key exactly as it was (documents, rows, unit
 *   ids, change log), refused if the TM exists unless --replace (which replaces the TM's keys: kept in memory meanwhile,
 *   put back if restoring fails). Needs the same schema version and a Redis at least as new as the one dumped from.
 *   Running instances see the TM's seq go back and rebuild their index of it (service/mirror.ts).
 * Before anything is written, each file is checked against the manifest (size and SHA-256, when the backup recorded
 * them) and every line of the dump is read and checked (an error names the file and line), and the dump's key count
 * against the manifest's: a backup cut short or changed is refused, and the TM is left as it was.
 * Talks to Redis directly (REDIS_URL or REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMizanError } from '../src/errors';
import { deleteTm, replaceTm, restoreTm, SCHEMA_VERSION } from '../src/store';
import { MANIFEST, readDump, verifyFile, type BackupManifest } from './lib/backup';
import { readOptions } from './lib/cli';
import { checkTmNames, describeError, withTm } from './lib/tm';

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

/** Checks `file` against the manifest (size, SHA-256), saying so when the backup predates the checks. */
async function verified(manifest: BackupManifest, file: string): Promise<void> {
  if (!(await verifyFile(dir!, manifest, file)))
    log(`${MANIFEST} records no size or checksum of ${file} (an older backup): not checked against it`);
}

async function restoreDump(manifest: BackupManifest, name: string): Promise<number> {
  const file = manifest.files.redisDump;
  if (!file) return (log('this backup has no Redis dump (made with --no-redis-dump)'), 1);
  if (manifest.schema !== SCHEMA_VERSION)
    return (log(`the dump has schema version ${manifest.schema}, this mizan ${SCHEMA_VERSION}`), 1);
  await verified(manifest, file);
  const dumped = readDump(path.join(dir!, file), manifest.keys); // every line, before anything is deleted
  return withTm(async (tm) => {
    const { store } = tm;
    const existed = await store.tmExists(name);
    if (existed && !cli.values.replace) return (log(`TM "${name}" exists: --replace deletes it first`), 1);
    try {
      if (existed) {
        const { deleted, restored } = await replaceTm(store.redis, store.keys, name, dumped);
        log(`TM "${name}": ${deleted} keys replaced by ${restored} keys (seq ${manifest.seq})`);
      } else {
        const keys = await restoreTm(store.redis, store.keys, name, dumped);
        log(`TM "${name}": ${keys} keys restored (seq ${manifest.seq})`);
      }
    } catch (err) {
      log(`restore failed: ${await describeError(err)}`);
      if (!existed) await deleteTm(store.redis, store.keys, name).catch(() => undefined);
      const now = await store.tmExists(name).catch(() => undefined);
      if (existed) log(now ? `TM "${name}" was put back as it was` : `TM "${name}" could not be put back: check it`);
      else log(now === false ? 'nothing was restored' : `keys of TM "${name}" may be left: check it`);
      return 1;
    }
    const counts = (await tm.listTms()).find((t) => t.name === name);
    if (counts?.units !== manifest.units || counts.documents !== manifest.documents) {
      const got = `${counts?.units ?? 0} units and ${counts?.documents ?? 0} documents`;
      log(`TM "${name}" now has ${got}, the manifest says ${manifest.units} and ${manifest.documents}: check it`);
      return 1;
    }
    return 0;
  });
}

async function restoreTmx(manifest: BackupManifest, name: string): Promise<number> {
  const file = path.join(dir!, manifest.files.tmx);
  await verified(manifest, manifest.files.tmx);
  return withTm(async (tm, config) => {
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

async function main(): Promise<number> {
  if (!dir || dir.startsWith('--')) return cli.fail('DIR is required');
  if (cli.values.tm !== undefined) await checkTmNames([cli.values.tm], cli.fail);
  const manifest = readManifest(dir);
  const name = cli.values.tm ?? manifest.tm;
  await checkTmNames([name], cli.fail);
  return cli.values['redis-dump'] ? restoreDump(manifest, name) : restoreTmx(manifest, name);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`restore failed: ${String((err as Error)?.message ?? err)}`);
    log('nothing was restored: the TM was left as it was');
    process.exit(1);
  },
);
