/**
 * npm run backup -- --tm NAME --out DIR [--no-redis-dump]
 *
 * A backup of one TM in DIR: `<tm>.tmx` (the whole TM as TMX 1.4b through the same streamed export as GET
 * /api/v1/tms/:tm/export, variants kept apart included: portable, readable by any CAT tool, and what `npm run
 * restore` imports by default), `<tm>.redis-dump.ndjson` (every key of the TM as Redis's DUMP gives it: documents,
 * rows, unit fields, change log; `npm run restore -- DIR --redis-dump` puts them back exactly) and `manifest.json`.
 * Talks to Redis directly (REDIS_URL or REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server); no server needed.
 * See docs/reliability.md, "Durability and backup".
 */
import fs from 'node:fs';
import path from 'node:path';
import { dumpTm, SCHEMA_VERSION } from '../src/store';
import { readOptions } from './lib/cli';
import type { BackupManifest } from './lib/backup';
import { withTm } from './lib/tm';

const USAGE = `usage: npm run backup -- --tm NAME --out DIR [--no-redis-dump]
  Writes DIR/<tm>.tmx, DIR/<tm>.redis-dump.ndjson (unless --no-redis-dump) and DIR/manifest.json.
  Talks to Redis directly (REDIS_URL, MIZAN_KEY_PREFIX as for the server).`;

const cli = readOptions(USAGE, {
  tm: { type: 'string' },
  out: { type: 'string' },
  'redis-dump': { type: 'boolean', default: true },
});
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<number> {
  const { tm: name, out } = cli.values;
  if (!name) return cli.fail('--tm is required');
  if (!out) return cli.fail('--out DIR is required');
  fs.mkdirSync(out, { recursive: true });
  return withTm(async (tm) => {
    const { store } = tm;
    const counts = (await tm.listTms()).find((t) => t.name === name);
    if (!counts) return (log(`no TM "${name}" under the prefix "${store.keys.prefix}"`), 1);
    const seqBefore = await store.log.seq(name);
    const files: BackupManifest['files'] = { tmx: `${name}.tmx` };
    const exported = await tm.exportTm(name, fs.createWriteStream(path.join(out, files.tmx)), {
      format: 'tmx',
      langs: ['ar', 'en', 'zh'],
      apart: true,
      toolVersion: 'backup',
    });
    log(`${files.tmx}: ${exported.written} units`);
    if (cli.values['redis-dump']) {
      files.redisDump = `${name}.redis-dump.ndjson`;
      const sink = fs.createWriteStream(path.join(out, files.redisDump));
      const keys = await dumpTm(store.redis, store.keys, name, (key) => {
        if (!sink.write(`${JSON.stringify(key)}\n`)) return new Promise((r) => sink.once('drain', r));
      });
      await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
      log(`${files.redisDump}: ${keys} keys`);
    }
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
    };
    fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!manifest.consistent)
      log(`the TM was written during the backup (seq ${seqBefore} → ${seq}): run it again for a copy of one moment`);
    process.stdout.write(`${JSON.stringify(manifest)}\n`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`backup failed: ${String((err as Error)?.message ?? err)}`);
    process.exit(1);
  },
);
