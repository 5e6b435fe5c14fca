import request from 'supertest';
import { createTestContext, keysUnder, runScript, type TestContext } from '../helpers/context';

const DOC = 'ace54e57cd73f9de';
const AR = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
let ctx: TestContext;
let open: TestContext;
const keys: Record<'read' | 'write' | 'admin', string> = { read: '', write: '', admin: '' };

beforeAll(async () => {
  ctx = await createTestContext({ config: { readAccess: 'key' } });
  for (const role of ['read', 'write', 'admin'] as const)
    keys[role] = (await ctx.access.create(role, `${role} key`)).key;
  open = await createTestContext({ seed: false });
});
afterAll(async () => {
  await ctx.close();
  await open.close();
});

const as = (key: string | undefined) => {
  const app = request(ctx.rawApp);
  const auth = (t: request.Test) => (key === undefined ? t : t.set('Authorization', `Bearer ${key}`));
  return {
    get: (url: string) => auth(app.get(url)),
    post: (url: string) => auth(app.post(url)),
    patch: (url: string) => auth(app.patch(url)),
    delete: (url: string) => auth(app.delete(url)),
  };
};

describe('roles', () => {
  it('a write without a key is 401 UNAUTHORIZED with WWW-Authenticate: Bearer, in the asked language', async () => {
    const res = await as(undefined).post('/api/v1/units').set('Accept-Language', 'ar').send({ ar: 'نص جديد' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="mizan"$/);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.body.error.message).toContain('"write"');
    expect(res.headers['content-language']).toBe('ar');
    const zh = await as(undefined).delete(`/api/v1/documents/${DOC}`).set('Accept-Language', 'zh').expect(401);
    expect(zh.body.error.message).toContain('未发送密钥');
  });

  it('an unknown, revoked or malformed key is 401 with error="invalid_token", even where no key is needed', async () => {
    const forged = keys.admin.slice(0, -4) + 'AAAA';
    for (const key of [forged, 'not-a-key', `mzn_k${'0'.repeat(16)}_${'x'.repeat(43)}`]) {
      const res = await as(key).get('/api/v1/auth').expect(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
    const basic = await request(ctx.rawApp).get('/api/v1/tms').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    expect(basic.body.error.message).toContain('not a mizan key');
  });

  it('says a key sent on an open read is not valid, rather than that the read needs a key', async () => {
    const malformed = await as('not-a-key').get('/api/v1/tms').expect(401);
    expect(malformed.body.error.message).toBe(
      'The API key sent is not valid: it is not a mizan key ("mzn_<id>_<secret>", sent as "Authorization: Bearer <key>").',
    );
    const unknown = await as(`mzn_k${'0'.repeat(16)}_${'x'.repeat(43)}`)
      .get('/api/v1/tms')
      .set('Accept-Language', 'ar')
      .expect(401);
    expect(unknown.body.error.message).toBe('مفتاح API المرسل غير صالح: المفتاح غير معروف أو أُلغي.');
    const zh = await as('not-a-key').get('/api/v1/tms').set('Accept-Language', 'zh').expect(401);
    expect(zh.body.error.message).toMatch(/^所发送的 API 密钥无效：它不是 mizan 密钥/);
    for (const res of [malformed, unknown, zh]) expect(res.body.error.message).not.toMatch(/role|read|دور|角色/);
    // Without a key, a write still names the role it needs.
    const missing = await as(undefined).post('/api/v1/units').send({ ar: 'نص' }).expect(401);
    expect(missing.body.error.message).toBe(
      'This request needs an API key with the role "write", sent as "Authorization: Bearer <key>": none was sent.',
    );
  });

  it('a read key reads but cannot write: 403 FORBIDDEN naming the role needed', async () => {
    await as(keys.read).get('/api/v1/tms').expect(200);
    const res = await as(keys.read).post('/api/v1/units').send({ ar: 'نص جديد' }).expect(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body.error.message).toBe('This API key has the role "read"; this request needs "write".');
    expect((await as(keys.write).get('/api/v1/keys').expect(403)).body.error.message).toContain('"admin"');
  });

  it('a write key writes; key administration and the audit need admin', async () => {
    const created = await as(keys.write).post('/api/v1/units').send({ ar: 'وحدة كتبها مفتاح الكتابة' }).expect(201);
    await as(keys.write).delete(`/api/v1/units/${created.body.unitId}`).expect(204);
    await as(keys.write).get('/api/v1/audit').expect(403);
    await as(keys.admin).get('/api/v1/audit').expect(200);
  });

  it('with MIZAN_READ=key reads need a key, the read-only POSTs too; health, readiness and the description do not', async () => {
    await as(undefined)
      .get(`/api/v1/match?q=${encodeURIComponent(AR)}`)
      .expect(401);
    await as(undefined)
      .post('/api/v1/match/batch')
      .send({ queries: [{ q: AR }] })
      .expect(401);
    const batch = await as(keys.read)
      .post('/api/v1/match/batch')
      .send({ queries: [{ q: AR }] })
      .expect(200);
    expect(batch.body.results[0].matches[0].score).toBe(100);
    await as(keys.read)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources: { a: AR }, to: ['en'] })
      .expect(200);
    for (const url of ['/healthz', '/readyz', '/openapi.json']) await as(undefined).get(url).expect(200);
  });

  it('with reads open (the default) anyone reads, and still nobody writes without a key', async () => {
    await request(open.rawApp).get('/api/v1/tms').expect(200);
    await request(open.rawApp).get('/tmserver/languages/').expect(200);
    await request(open.rawApp).post('/api/v1/units').send({ ar: 'نص جديد' }).expect(401);
    // Default deny: a method or path that no route serves is still a write.
    await request(open.rawApp).put('/api/v1/match').expect(401);
    await request(open.rawApp).delete('/API/V1/DOCUMENTS/x/').expect(401);
  });
});

describe('GET /api/v1/auth', () => {
  it('tells a web UI what the caller may do, for anyone', async () => {
    expect((await request(open.rawApp).get('/api/v1/auth').expect(200)).body).toEqual({
      read: 'open',
      key: null,
      can: { read: true, write: false, admin: false },
    });
    expect((await as(undefined).get('/api/v1/auth').expect(200)).body.can).toEqual({
      read: false,
      write: false,
      admin: false,
    });
    const withWrite = (await as(keys.write).get('/api/v1/auth').expect(200)).body;
    expect(withWrite).toEqual({
      read: 'key',
      key: { id: keys.write.split('_')[1], name: 'write key', role: 'write' },
      can: { read: true, write: true, admin: false },
    });
    expect((await as(keys.admin).get('/api/v1/auth')).body.can).toEqual({ read: true, write: true, admin: true });
  });
});

describe('keys', () => {
  it('are created (the secret shown once), listed without secrets, and revoked at once', async () => {
    const made = await as(keys.admin).post('/api/v1/keys').send({ role: 'write', name: 'ci' }).expect(201);
    expect(made.body).toMatchObject({ name: 'ci', role: 'write', id: expect.stringMatching(/^k[0-9a-f]{16}$/) });
    expect(made.body.key).toMatch(new RegExp(`^mzn_${made.body.id}_[A-Za-z0-9_-]{43}$`));
    expect(made.headers.location).toBe(`/api/v1/keys/${made.body.id}`);
    const list = await as(keys.admin).get('/api/v1/keys').expect(200);
    expect(list.body.keys.map((k: { id: string }) => k.id)).toContain(made.body.id);
    expect(JSON.stringify(list.body)).not.toContain(made.body.key.slice(22));
    expect(Object.keys(list.body.keys[0]).sort()).toEqual(['created', 'id', 'name', 'role']);
    await as(made.body.key).post('/api/v1/units').send({ ar: 'وحدة من مفتاح سيلغى' }).expect(201);
    await as(keys.admin).delete(`/api/v1/keys/${made.body.id}`).expect(204);
    await as(made.body.key).post('/api/v1/units').send({ ar: 'وحدة من مفتاح سيلغى' }).expect(401);
    expect((await as(keys.admin).delete(`/api/v1/keys/${made.body.id}`).expect(404)).body.error.code).toBe(
      'KEY_NOT_FOUND',
    );
    await as(keys.admin).delete('/api/v1/keys/nope').expect(400);
  });

  it('refuses a role or name that is not one', async () => {
    const bad = await as(keys.admin).post('/api/v1/keys').send({ role: 'owner', name: 'x' }).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'role' });
    await as(keys.admin).post('/api/v1/keys').send({ role: 'read', name: '' }).expect(400);
    await as(keys.admin).post('/api/v1/keys').send({ role: 'read' }).expect(400);
  });

  it('are stored only as salted hashes: no key under the prefix holds a secret', async () => {
    const made = (await as(keys.admin).post('/api/v1/keys').send({ role: 'read', name: 'scan' }).expect(201)).body;
    const secrets = [made.key, ...Object.values(keys), ctx.adminKey].map((k: string) => k.slice(22));
    for (const key of await keysUnder(ctx.redis, ctx.keys)) {
      const type = await ctx.redis.type(key);
      const dump =
        type === 'hash'
          ? JSON.stringify(await ctx.redis.hgetall(key))
          : type === 'string'
            ? ((await ctx.redis.get(key)) ?? '')
            : type === 'stream'
              ? JSON.stringify(await ctx.redis.xrange(key, '-', '+'))
              : type === 'set'
                ? JSON.stringify(await ctx.redis.smembers(key))
                : type === 'list'
                  ? JSON.stringify(await ctx.redis.lrange(key, 0, -1))
                  : JSON.stringify(await ctx.redis.zrange(key, '0', '-1'));
      for (const secret of secrets) expect(dump).not.toContain(secret);
    }
    const stored = JSON.parse((await ctx.redis.hget(ctx.keys.apiKeys(), made.id))!);
    expect(Object.keys(stored).sort()).toEqual(['created', 'hash', 'name', 'role', 'salt']);
  });

  it('MIZAN_ADMIN_KEY is stored once and again after a revocation, with the same id', async () => {
    const token = `mzn_k${'a'.repeat(16)}_${'B'.repeat(43)}`;
    expect(await ctx.access.ensureAdmin(token)).toBe('stored');
    expect(await ctx.access.ensureAdmin(token)).toBe('unchanged');
    await as(token).get('/api/v1/keys').expect(200);
    await ctx.access.revoke(`k${'a'.repeat(16)}`);
    await as(token).get('/api/v1/keys').expect(401);
    expect(await ctx.access.ensureAdmin(token)).toBe('stored');
    await as(token).get('/api/v1/keys').expect(200);
  });
});

describe('npm run keys', () => {
  const cli = (...args: string[]) => runScript('keys', ctx.keys.prefix, ...args);

  it('creates, lists and revokes keys the server accepts and refuses', async () => {
    const created = cli('create', '--role', 'write', '--name', 'cli key');
    expect(created.status).toBe(0);
    const key = created.stdout.trim();
    const id = key.split('_')[1]!;
    expect(created.stderr).toContain(`key ${id} (write, "cli key") created`);
    await as(key).post('/api/v1/units').send({ ar: 'وحدة من مفتاح سطر الأوامر' }).expect(201);
    const listed = cli('list');
    expect(listed.stdout).toMatch(new RegExp(`^${id}  write  \\S+  cli key$`, 'm'));
    expect(listed.stdout).not.toContain(key.slice(22));
    expect(cli('revoke', id).status).toBe(0);
    await as(key).post('/api/v1/units').send({ ar: 'وحدة من مفتاح سطر الأوامر' }).expect(401);
    const again = cli('revoke', id);
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining('KEY_NOT_FOUND')]);
    expect(cli('generate').stdout.trim()).toMatch(/^mzn_k[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  }, 60_000);
});
