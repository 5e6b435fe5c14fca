import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { SPOOL_DIR } from '../../src/http/tmx-upload';
import { createTestContext, type TestContext } from '../helpers/context';
import { FIXTURES } from '../helpers/xliff-fixtures';
import { generatedTmx, importTmx, tmChecksum, waitJob, type JobBody } from '../helpers/tm-import';

/** TMX imports sent compressed (Content-Encoding) and in UTF-16, through the route, into a real Redis. */
let ctx: TestContext;
const TM = 'compressed';
beforeAll(async () => {
  ctx = await createTestContext({ seed: false, config: { maxImportMb: 1 } });
});
afterAll(() => ctx.close());

const checksum = () => tmChecksum(ctx.redis, ctx.keys, TM);
const post = (body: Buffer, encoding: string, type = 'application/x-tmx+xml') =>
  request(ctx.app)
    .post(`/api/v1/tms/${TM}/imports`)
    .set('Content-Type', type)
    .set('Content-Encoding', encoding)
    .send(body);

describe('an upload sent compressed is decompressed as it is received', () => {
  it.each([
    ['gzip', zlib.gzipSync],
    ['x-gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ])('Content-Encoding %s: the job reads the file and imports its units', async (encoding, compress) => {
    const res = await post(compress(Buffer.from(generatedTmx(30))), encoding).expect(202);
    const job = await waitJob(ctx.app, (res.body as JobBody).id);
    expect(job).toMatchObject({ status: 'done', encoding: 'utf-8', units: { read: 30 } });
  });

  it('a gzip multipart form: the file part is read from the decompressed form', async () => {
    const boundary = 'mizan-boundary';
    const form = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.tmx"\r\n` +
        `Content-Type: application/x-tmx+xml\r\n\r\n${generatedTmx(12, { from: 500 })}\r\n--${boundary}--\r\n`,
    );
    const res = await post(zlib.gzipSync(form), 'gzip', `multipart/form-data; boundary=${boundary}`).expect(202);
    const job = await waitJob(ctx.app, (res.body as JobBody).id);
    expect(job).toMatchObject({ status: 'done', units: { read: 12 } });
  });

  it('a gzip stream that is corrupt: 400 INVALID_BODY, the job failed and the TM unchanged', async () => {
    const before = await checksum();
    const gz = zlib.gzipSync(Buffer.from(generatedTmx(200, { from: 1000 })));
    gz.fill(0x55, 100, 200); // the deflate data broken
    const res = await post(gz, 'gzip').expect(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_BODY' }, job: { status: 'failed' } });
    expect(res.body.error.message).toMatch(/cannot be decoded/);
    expect(await checksum()).toBe(before);
  });

  it('an encoding it cannot undo: 415 UNSUPPORTED_MEDIA_TYPE naming it, and no job made', async () => {
    const res = await post(Buffer.from(generatedTmx(2)), 'compress').expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('"compress"');
    expect(res.body.job).toBeUndefined();
  });

  it('a file that decompresses past MIZAN_MAX_IMPORT_MB: 413 FILE_TOO_LARGE', async () => {
    const big = Buffer.from(generatedTmx(9000, { from: 2000 })); // > 1 MB, ≈ 100 KB gzipped
    const gz = zlib.gzipSync(big);
    expect(big.length).toBeGreaterThan(2 ** 20);
    expect(gz.length).toBeLessThan(2 ** 20);
    const res = await post(gz, 'gzip').expect(413);
    expect(res.body).toMatchObject({ error: { code: 'FILE_TOO_LARGE' }, job: { status: 'failed' } });
  });

  it('a gzip bomb: 413 FILE_TOO_LARGE once 1 MB is inflated, while the rest is still being sent', async () => {
    const before = await checksum();
    const server = http.createServer(ctx.app).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    // One gzip member is 64 MB of spaces in ≈ 64 KB; a gzip stream may hold members one after another: 4,096 of
    // them inflate to 256 GB, which the service could neither inflate nor store in the time this test allows.
    const member = zlib.gzipSync(Buffer.alloc(64 * 2 ** 20, 0x20));
    const req = http.request({
      port: (server.address() as AddressInfo).port,
      method: 'POST',
      path: `/api/v1/tms/${TM}/imports`,
      headers: { 'Content-Type': 'application/x-tmx+xml', 'Content-Encoding': 'gzip' }, // chunked: no length
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
    });
    let done = false;
    void answered.finally(() => (done = true));
    let sent = 0;
    for (; !done && sent < 4096; sent++) {
      if (!req.write(member)) await new Promise((resolve) => req.once('drain', resolve));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const { status, body } = await answered;
    req.destroy();
    await new Promise((resolve) => server.close(resolve));
    expect(status).toBe(413);
    const answer = JSON.parse(body) as { error: { code: string }; job: { id: string; status: string } };
    expect(answer).toMatchObject({ error: { code: 'FILE_TOO_LARGE' }, job: { status: 'failed' } });
    expect(sent).toBeLessThan(4096); // answered while the request was still open
    expect(fs.existsSync(path.join(SPOOL_DIR, `${process.pid}-${answer.job.id}.tmx`))).toBe(false);
    expect(await checksum()).toBe(before);
  }, 30_000);
});

describe('UTF-16 files through the import', () => {
  it('a UTF-16LE file with a BOM declared encoding="UTF-8" is read as UTF-16 (the BOM decides)', async () => {
    const text = generatedTmx(5, { from: 3000 }); // declares UTF-8
    const res = await post(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'identity');
    const job = await waitJob(ctx.app, (res.body as JobBody).id);
    expect(job).toMatchObject({ status: 'done', encoding: 'utf-16le', units: { read: 5 } });
  });

  it('a UTF-16LE file without BOM or declaration, starting with its element, is read as UTF-16', async () => {
    const text = generatedTmx(4, { from: 3100 }).replace(/^<\?xml[^>]*>\n/, '');
    const job = await waitJob(ctx.app, (await post(Buffer.from(text, 'utf16le'), 'identity')).body.id);
    expect(job).toMatchObject({ status: 'done', encoding: 'utf-16le', units: { read: 4 } });
  });

  it('a lone surrogate in a UTF-16 file fails the job with a message naming UTF-16LE', async () => {
    const before = await checksum();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(generatedTmx(3, { from: 3200 }), 'utf16le')]);
    bytes.writeUInt16LE(0xdc00, bytes.indexOf(Buffer.from('جملة', 'utf16le')));
    const job = await waitJob(ctx.app, (await post(bytes, 'identity').expect(202)).body.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INVALID_ENCODING' } });
    expect(job.error!.message).toBe('"file" is not UTF-16LE text; save it as UTF-8 and send it again.');
    expect(await checksum()).toBe(before);
  });
});

describe('XLIFF pretranslation shares the decompression (src/http/upload.ts)', () => {
  const XLIFF = fs.readFileSync(path.join(FIXTURES, 'xliff', 'seed-po2xliff-ar-en.xlf'));
  beforeAll(async () => {
    expect((await importTmx(ctx.app, 'xliff', generatedTmx(3))).status).toBe('done');
  });
  const pretranslate = (body: Buffer, encoding: string, type: string) =>
    request(ctx.app)
      .post('/api/v1/pretranslate')
      .query({ tm: 'xliff' })
      .set('Content-Type', type)
      .set('Content-Encoding', encoding)
      .send(body);

  it('reads a gzip raw body and a gzip multipart form alike', async () => {
    const raw = await pretranslate(zlib.gzipSync(XLIFF), 'gzip', 'application/xliff+xml').expect(200);
    const boundary = 'mizan-xliff';
    const form = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlf"\r\n` +
          'Content-Type: application/xliff+xml\r\n\r\n',
      ),
      XLIFF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const multipart = await pretranslate(
      zlib.gzipSync(form),
      'gzip',
      `multipart/form-data; boundary=${boundary}`,
    ).expect(200);
    expect(multipart.text).toBe(raw.text);
    expect(raw.text).toContain('<xliff');
  });

  it('answers 415 naming an encoding it cannot undo, raw or multipart', async () => {
    for (const type of ['application/xliff+xml', 'multipart/form-data; boundary=x']) {
      const res = await pretranslate(XLIFF, 'compress', type).expect(415);
      expect(res.body.error).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('"compress"'),
      });
    }
  });
});
