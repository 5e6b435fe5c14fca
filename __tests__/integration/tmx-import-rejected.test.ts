import request from 'supertest';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createTranslator } from '../../src/i18n';
import { checkedApp } from '../helpers/openapi-check';
import { createTestContext, keysUnder, withKey, type TestContext } from '../helpers/context';
import { generatedTmx, tmChecksum, waitJob, type JobBody } from '../helpers/tm-import';

let ctx: TestContext;
const TM = 'guarded';
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  const res = await request(ctx.app)
    .post(`/api/v1/tms/${TM}/imports`)
    .set('Content-Type', 'application/xml')
    .send(generatedTmx(20))
    .expect(202);
  expect((await waitJob(ctx.app, (res.body as { id: string }).id)).status).toBe('done');
});
afterAll(() => ctx.close());

const checksum = () => tmChecksum(ctx.redis, ctx.keys, TM);
const post = (body: string | Buffer, tm = TM) =>
  request(ctx.app).post(`/api/v1/tms/${tm}/imports`).set('Content-Type', 'application/x-tmx+xml').send(body);

/** POSTs a file the service receives (202) but cannot read: the job once it has failed. */
async function failedJob(body: string | Buffer, tm = TM): Promise<JobBody> {
  const res = await post(body, tm).expect(202);
  const job = await waitJob(ctx.app, (res.body as JobBody).id);
  expect(job.status).toBe('failed');
  return job;
}

/** Staged keys left anywhere under the prefix. */
async function stagedKeys(): Promise<string[]> {
  return (await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.includes(':import:'));
}

describe('rejected imports leave the TM byte-identical', () => {
  it('malformed XML: 202, then the job fails naming line and column', async () => {
    const before = await checksum();
    const job = await failedJob(generatedTmx(1500, { tail: '<tu><tuv xml:lang="ar"><seg>x</tuv></tu></body></tmx>' }));
    expect(job.error!.code).toBe('XML_MALFORMED');
    expect(job.error!.message).toMatch(/line 1503, column \d+/);
    expect(job.units.staged).toBeGreaterThanOrEqual(1000); // staged, then dropped
    expect(await checksum()).toBe(before);
    expect(await stagedKeys()).toEqual([]);
  });

  it('a DOCTYPE declaring entities (XXE, billion laughs) is refused without expanding anything', async () => {
    const before = await checksum();
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header/>' +
      '<body><tu><tuv xml:lang="ar"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>';
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><tmx version="1.4"><header/><body>&lol3;</body></tmx>';
    for (const body of [xxe, laughs]) expect((await failedJob(body)).error!.code).toBe('XML_ENTITIES_REFUSED');
    expect(await checksum()).toBe(before);
  });

  it('bytes that are not valid in the declared encoding: the job fails with INVALID_ENCODING', async () => {
    const before = await checksum();
    const bytes = Buffer.concat([Buffer.from(generatedTmx(2).slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
    expect((await failedJob(bytes)).error!.code).toBe('INVALID_ENCODING');
    expect(await checksum()).toBe(before);
  });

  it('a TMX without Arabic fails its job with the languages it holds', async () => {
    const before = await checksum();
    const file =
      '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>' +
      '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu></body></tmx>';
    const job = await failedJob(file);
    expect(job.error!.code).toBe('TMX_NO_ARABIC');
    expect(job.error!.message).toMatch(/en, fr/);
    expect(await checksum()).toBe(before);
  });

  it('a TMX whose Arabic is labelled another language (po2tmx --source-language en): the message says so', async () => {
    const tu = (ar: string, en: string) =>
      `<tu><tuv xml:lang="en"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
    const file =
      '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>' +
      tu('وقد توصل الجانبان إلى توافق كبير حول تعزيز التعاون العملي', 'The two sides reached a broad consensus') +
      '</body></tmx>';
    const job = await failedJob(file);
    expect(job.error!.code).toBe('TMX_NO_ARABIC');
    expect(job.error!.message).toMatch(/"en" texts are written in Arabic script.*po2tmx --source-language ar/);
    for (const [lang, words] of [
      ['ar', /بالحرف العربي.*po2tmx --source-language ar/],
      ['zh', /阿拉伯文字.*po2tmx --source-language ar/],
    ] as const) {
      const res = await request(ctx.app).get(`/api/v1/jobs/${job.id}`).set('Accept-Language', lang).expect(200);
      expect((res.body as JobBody).error!.message).toMatch(words);
    }
  });

  it('a file over the configured limit: 413 FILE_TOO_LARGE, declared or streamed', async () => {
    const before = await checksum();
    const config = { ...ctx.config, maxImportMb: 1 };
    const small = withKey(
      checkedApp(
        createApp({ tm: ctx.tm, translator: await createTranslator(), config, logger: silentLogger, version: 't' }),
        ctx.violations,
      ),
      ctx.adminKey,
    );
    const big = generatedTmx(9000); // > 1 MB
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 ** 20);
    const res = await request(small)
      .post(`/api/v1/tms/${TM}/imports`)
      .set('Content-Type', 'text/xml')
      .send(big)
      .expect(413);
    expect(res.body.error.code).toBe('FILE_TOO_LARGE');
    // Streamed past the limit (no Content-Length to refuse up front): the service counts the bytes.
    const id = await ctx.tm.imports.create(TM);
    const chunks = (function* () {
      for (let i = 0; i < 20; i++)
        yield Buffer.from(i === 0 ? big.slice(0, 60_000) : big.slice(i * 60_000, (i + 1) * 60_000));
    })();
    await expect(ctx.tm.imports.read(id, TM, chunks, { maxBytes: 500_000 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    expect((await ctx.tm.imports.get(id)).status).toBe('failed');
    expect(await checksum()).toBe(before);
    expect(await stagedKeys()).toEqual([]);
  });

  it('a multipart form cut short after its file part began: 400 INVALID_BODY, the job failed the same way', async () => {
    const before = await checksum();
    const boundary = 'x'.repeat(70);
    const form =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.tmx"\r\n` +
      `Content-Type: application/x-tmx+xml\r\n\r\n${generatedTmx(5)}`; // no closing boundary
    const res = await request(ctx.app)
      .post(`/api/v1/tms/${TM}/imports`)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(form)
      .expect(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    const job = await request(ctx.app).get(`/api/v1/jobs/${res.body.job.id}`).expect(200);
    expect(job.body).toMatchObject({ status: 'failed', error: { code: 'INVALID_BODY' } });
    expect(await checksum()).toBe(before);
  });

  it('a rejected import into a new TM does not create it', async () => {
    await failedJob('<tmx version="1.4"><header/><body><tu>', 'never-made');
    expect(await ctx.redis.sismember(ctx.keys.tms(), 'never-made')).toBe(0);
    const list = await request(ctx.app).get('/api/v1/tms').expect(200);
    expect(list.body.tms.map((t: { name: string }) => t.name)).not.toContain('never-made');
  });
});

describe('cancel', () => {
  it('DELETE /api/v1/jobs/:id stops a running import; what it staged is dropped and the TM is unchanged', async () => {
    const before = await checksum();
    const id = await ctx.tm.imports.create(TM, 'slow.tmx');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const file = generatedTmx(3000, { from: 100 });
    const slow = (async function* () {
      yield Buffer.from(file.slice(0, Math.floor(file.length / 2))); // ≈ 1,500 units: one chunk staged
      await gate;
      yield Buffer.from(file.slice(Math.floor(file.length / 2)));
    })();
    const reading = ctx.tm.imports.read(id, TM, slow, { file: 'slow.tmx' });
    reading.catch(() => undefined);
    for (;;) {
      const job = (await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body as JobBody;
      if (job.units.staged >= 1000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await stagedKeys()).length).toBeGreaterThan(0);
    const res = await request(ctx.app).delete(`/api/v1/jobs/${id}`).expect(202);
    expect(res.body).toMatchObject({ status: 'running', cancelRequested: true });
    release();
    await expect(reading).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect((await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body.status).toBe('cancelled');
    expect(await stagedKeys()).toEqual([]);
    expect(await checksum()).toBe(before);
    // Committing a cancelled job does nothing either.
    expect((await ctx.tm.imports.commit(id, TM)).status).toBe('cancelled');
    expect(await checksum()).toBe(before);
  }, 20_000); // the import starts a worker thread: seconds on a loaded machine, from the TypeScript sources
});
