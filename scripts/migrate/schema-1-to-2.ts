/**
 * npm run migrate   (node --import tsx scripts/migrate/schema-1-to-2.ts)
 *
 * Schema version 1 to 2 (src/store/schema.ts, DESIGN.md "Schema version"): every unit hash becomes one unit record
 * (src/store/unit-record.ts), each atomically; then `<prefix>schema` is set to 2. Straight against Redis (REDIS_URL or
 * REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server), with every mizan instance stopped. A run that stops can be
 * run again: units converted already are left alone. Data at version 2 already is left as it is.
 */
import { loadConfig, silentLogger } from '../../src/config';
import { createRedis, Keys } from '../../src/store';
import { migrate1To2 } from '../../src/store/migrate';
import { readOptions } from '../lib/cli';
import { connectScriptRedis } from '../lib/tm';

const USAGE = `usage: npm run migrate
  Migrates the data under MIZAN_KEY_PREFIX from schema version 1 to 2 (REDIS_URL, MIZAN_KEY_PREFIX as for the
  server). Stop every mizan instance first; run it again if it stops.`;
readOptions(USAGE, {});
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<number> {
  const config = loadConfig(process.env, { redisTimeoutMs: 60_000 });
  const redis = createRedis(config, silentLogger);
  await connectScriptRedis(redis, { ...config, redisTimeoutMs: 5000 });
  try {
    const keys = new Keys(config.keyPrefix);
    let last = 0;
    const done = await migrate1To2(redis, keys, (p) => {
      if (Date.now() - last < 1000) return;
      last = Date.now();
      log(`${p.tm}: ${p.converted} units converted, ${p.already} converted before`);
    });
    for (const p of done)
      log(`${p.tm}: ${p.converted} units converted, ${p.already} converted before, ${p.missing} listed but absent`);
    log(
      done.length === 0 && (await redis.get(keys.schema())) === '2'
        ? `schema: "${keys.prefix}" holds version 2 data`
        : `schema: "${keys.prefix}" is now version 2 (${done.length} TMs)`,
    );
    return 0;
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`migration failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
