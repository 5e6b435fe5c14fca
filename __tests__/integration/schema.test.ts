/** The schema version key: written on first use, recorded for data that predates it, and refused when it differs. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger, type Logger } from '../../src/config';
import { checkSchema, Keys, SCHEMA_VERSION, SchemaError, type RedisClient } from '../../src/store';
import { deleteByPrefix, runScript, testRedis } from '../helpers/context';

let redis: RedisClient;
let keys: Keys;

beforeAll(async () => {
  redis = await testRedis();
});
beforeEach(() => {
  keys = new Keys(`mizan-test:${randomUUID().slice(0, 8)}:`);
});
afterEach(async () => deleteByPrefix(redis, keys));
afterAll(() => redis.disconnect());

const lines: string[] = [];
const logger: Logger = { ...silentLogger, info: (line) => lines.push(line) };

describe('the schema version', () => {
  it('is written as the current one on an empty deployment, and then found equal', async () => {
    expect(await checkSchema(redis, keys, logger)).toBe('created');
    expect(await redis.get(keys.schema())).toBe(String(SCHEMA_VERSION));
    expect(await checkSchema(redis, keys, logger)).toBe('current');
  });

  it('is recorded as version 1 for data written before the key existed, saying so', async () => {
    await redis.sadd(keys.tms(), 'main');
    expect(await checkSchema(redis, keys, logger, 1)).toBe('adopted');
    expect(await redis.get(keys.schema())).toBe('1');
    expect(lines.at(-1)).toContain('recorded as version 1');
  });

  it('refuses data newer than the code, naming both versions', async () => {
    await redis.set(keys.schema(), SCHEMA_VERSION + 1);
    const refusal = checkSchema(redis, keys, logger);
    await expect(refusal).rejects.toBeInstanceOf(SchemaError);
    await expect(refusal).rejects.toThrow(
      `schema version ${SCHEMA_VERSION + 1}, newer than this mizan's ${SCHEMA_VERSION}`,
    );
  });

  it('refuses data older than the code, naming each migration step', async () => {
    await redis.set(keys.schema(), 1);
    await expect(checkSchema(redis, keys, logger, 3)).rejects.toThrow(
      'migrate it first with scripts/migrate/schema-1-to-2.ts, then scripts/migrate/schema-2-to-3.ts',
    );
  });

  it('refuses data an older mizan wrote without the key, when the code has moved past version 1', async () => {
    await redis.sadd(keys.tms(), 'main');
    await expect(checkSchema(redis, keys, logger, 2)).rejects.toThrow('older than this mizan');
    expect(await redis.get(keys.schema())).toBe('1');
  });

  it('refuses a key that holds no version', async () => {
    await redis.set(keys.schema(), 'v2');
    await expect(checkSchema(redis, keys, logger)).rejects.toThrow('holds "v2", which is not a schema version');
  });

  it('is checked by the scripts before they write: an empty deployment marked current, version 1 data refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-schema-'));
    const file = path.join(dir, 'one.tmx');
    fs.writeFileSync(
      file,
      '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body><tu>' +
        '<tuv xml:lang="ar"><seg>وصل الوزير إلى القاهرة</seg></tuv><tuv xml:lang="en"><seg>The minister arrived in Cairo.</seg>' +
        '</tuv></tu></body></tmx>',
    );
    try {
      const first = runScript('tmx', keys.prefix, 'import', file, '--tm', 'cli');
      expect(first.status).toBe(0);
      expect(await redis.get(keys.schema())).toBe(String(SCHEMA_VERSION));
      expect(await redis.scard(keys.units('cli'))).toBe(1);

      await deleteByPrefix(redis, keys);
      await redis.set(keys.schema(), 1);
      const refused = runScript('tmx', keys.prefix, 'import', file, '--tm', 'cli');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('migrate it first with scripts/migrate/schema-1-to-2.ts');
      expect(await redis.exists(keys.units('cli'))).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
