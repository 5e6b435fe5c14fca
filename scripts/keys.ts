/**
 * npm run keys -- create --role read|write|admin --name NAME   a new key, printed once (only its hash is stored)
 * npm run keys -- list [--json]                                  ids, names, roles, creation times
 * npm run keys -- revoke ID                                      the key stops working on every instance at once
 * npm run keys -- generate                                       a key's text for MIZAN_ADMIN_KEY (nothing stored)
 *
 * Straight against Redis (REDIS_URL, REDIS_CLUSTER_NODES, MIZAN_KEY_PREFIX as for the server), no server needed:
 * this is how the first admin key is made when MIZAN_ADMIN_KEY is not used.
 */
import { loadConfig, silentLogger } from '../src/config';
import { Access, generateKey } from '../src/service';
import { createRedis, Keys } from '../src/store';
import { readOptions } from './lib/cli';
import { connectScriptRedis, describeError } from './lib/tm';

const USAGE = `usage: npm run keys -- create --role read|write|admin --name NAME
       npm run keys -- list [--json]
       npm run keys -- revoke ID
       npm run keys -- generate
  Talks to Redis directly (REDIS_URL, MIZAN_KEY_PREFIX as for the server). create prints the key once: keep it.
  generate prints a new key's text without storing it (for MIZAN_ADMIN_KEY, stored when the server starts).`;

const [command, ...rest] = process.argv.slice(2);
const id = command === 'revoke' && rest[0] && !rest[0].startsWith('--') ? rest.shift() : undefined;
const cli = readOptions(
  USAGE,
  { role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } },
  rest,
  { command, takes: { create: ['role', 'name'], list: ['json'], revoke: [], generate: [] } },
);
const args = cli.values;

async function withAccess<T>(run: (access: Access) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { redisTimeoutMs: 10_000 });
  const redis = createRedis(config, silentLogger);
  await connectScriptRedis(redis, { ...config, redisTimeoutMs: 5000 });
  try {
    return await run(new Access({ redis, keys: new Keys(config.keyPrefix) }));
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<number> {
  switch (command) {
    case 'generate':
      process.stdout.write(`${generateKey().key}\n`);
      return 0;
    case 'create': {
      if (!args.role || !args.name) return cli.fail('create needs --role and --name');
      const key = await withAccess((access) => access.create(args.role, args.name));
      process.stderr.write(`key ${key.id} (${key.role}, "${key.name}") created; it is shown only this once:\n`);
      process.stdout.write(`${key.key}\n`);
      return 0;
    }
    case 'list': {
      const keys = await withAccess((access) => access.list());
      if (args.json) process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      else for (const k of keys) process.stdout.write(`${k.id}  ${k.role.padEnd(5)}  ${k.created}  ${k.name}\n`);
      return 0;
    }
    case 'revoke':
      if (!id) return cli.fail('revoke needs the key id');
      await withAccess((access) => access.revoke(id));
      process.stderr.write(`key ${id} revoked\n`);
      return 0;
    default:
      return cli.fail(`unknown command "${command ?? ''}": create, list, revoke or generate`);
  }
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    process.stderr.write(`keys: ${await describeError(err)}\n`); // a MizanError worded as the API words it
    process.exit(1);
  },
);
