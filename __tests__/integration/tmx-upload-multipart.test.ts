/**
 * A TMX import sent as multipart/form-data: the limit counts the file part, not the form around it; the form carries
 * one file, in the field named `file`, and any other file part is a 400 that says so.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { generatedTmx, tmChecksum, TMX_FOOT, TMX_HEAD, waitJob, type JobBody } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false, config: { maxImportMb: 1 } });
});
afterAll(() => ctx.close());

const MAX = 1 << 20;
const boundary = 'mizan-form-boundary';
const part = (field: string, name: string, body: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n` +
        'Content-Type: application/x-tmx+xml\r\n\r\n',
      'utf8',
    ),
    Buffer.from(body),
    Buffer.from('\r\n'),
  ]);
const form = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
const post = (tm: string, body: Buffer) =>
  request(ctx.app)
    .post(`/api/v1/tms/${tm}/imports`)
    .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
    .send(body);

/** A TMX of `units` units padded with a trailing comment to exactly `bytes` bytes. */
function tmxOf(bytes: number, units = 5): Buffer {
  const base = Buffer.from(generatedTmx(units, { from: bytes % 1000 }));
  return Buffer.concat([base, Buffer.from(`<!--${'x'.repeat(bytes - base.length - 7)}-->`)]);
}

describe('a multipart TMX upload', () => {
  it('takes a file 100 bytes under the limit, the form around it over the limit', async () => {
    const body = form(part('file', 'near.tmx', tmxOf(MAX - 100)));
    expect(body.length).toBeGreaterThan(MAX);
    const res = await post('near-limit', body).expect(202);
    expect(await waitJob(ctx.app, (res.body as JobBody).id)).toMatchObject({ status: 'done', units: { read: 5 } });
  });

  it('takes a file of exactly the limit, and refuses one byte more with 413', async () => {
    await post('at-limit', form(part('file', 'at.tmx', tmxOf(MAX)))).expect(202);
    const res = await post('over-limit', form(part('file', 'over.tmx', tmxOf(MAX + 1)))).expect(413);
    expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('refuses a form far over the limit up front', async () => {
    const res = await post('far-over', form(part('file', 'far.tmx', tmxOf(MAX + (1 << 18))))).expect(413);
    expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('answers 400 for a second file, importing neither', async () => {
    const before = await tmChecksum(ctx.redis, ctx.keys, 'two-files');
    const body = form(part('file', 'g.tmx', generatedTmx(3)), part('file', 'h.tmx', generatedTmx(3, { from: 9 })));
    const res = await post('two-files', body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_BODY' });
    expect(res.body.error.message).toMatch(/one file/);
    expect(await tmChecksum(ctx.redis, ctx.keys, 'two-files')).toBe(before);
  });

  it('answers 400 saying the file goes in the field named "file", whatever the order of the parts', async () => {
    for (const body of [
      form(part('other', 'h.tmx', generatedTmx(3)), part('file', 'g.tmx', generatedTmx(3))),
      form(part('other', 'h.tmx', generatedTmx(3))),
    ]) {
      const res = await post('other-field', body).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_BODY' });
      expect(res.body.error.message).toMatch(/field named "file"/);
    }
  });

  it('keeps a file name written in Arabic or Chinese as the browser sent it (UTF-8), in the job and its error', async () => {
    // curl, HTML forms and FormData send the name as raw UTF-8 bytes, not RFC 2231 (`filename*=`).
    const arabic = 'ذاكرة ترجمة.tmx';
    const res = await post('named-ar', form(part('file', arabic, generatedTmx(3)))).expect(202);
    expect(res.body).toMatchObject({ file: arabic });
    expect(await waitJob(ctx.app, (res.body as JobBody).id)).toMatchObject({ status: 'done', file: arabic });

    const chinese = '英文.tmx';
    const english =
      TMX_HEAD + '<tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="zh"><seg>一</seg></tuv></tu>\n';
    const failed = await post('named-zh', form(part('file', chinese, english + TMX_FOOT))).expect(202);
    const job = await waitJob(ctx.app, (failed.body as JobBody).id);
    expect(job).toMatchObject({ status: 'failed', file: chinese, error: { code: 'TMX_NO_ARABIC' } });
    expect(job.error!.message).toContain(`"${chinese}"`);
  });

  it('cuts a long file name at 200 characters, never inside a character', async () => {
    const name = `${'a'.repeat(199)}𝐀.tmx`; // the 200th character is outside the BMP: two UTF-16 code units
    const res = await post('named-long', form(part('file', name, generatedTmx(2)))).expect(202);
    expect((res.body as { file: string }).file).toBe(`${'a'.repeat(199)}𝐀`);
    await waitJob(ctx.app, (res.body as JobBody).id);
  });

  it('still answers "file" is required for a form with no file at all', async () => {
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--${boundary}--\r\n`,
    );
    const res = await post('no-file', body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'FIELD_MISSING' });
  });
});
