/**
 * POST /api/v1/pretranslate, /api/v1/analyze and `npm run xliff` with a 1.2 file whose `<file>` elements declare
 * different languages.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { xliff12, xliffFile } from '../helpers/xliff-fixtures';

const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;
let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-file-languages-'));
  ctx = await createTestContext({ prefix }); // the seed TM (tm/), under the prefix the CLI is given
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
  zh: '双方就加强务实合作达成广泛共识。',
};
const file = (src: string, tgt: string) => xliffFile(src, tgt, CONSENSUS.ar);
const xliff = xliff12;
const EN_ZH = xliff(file('ar', 'en'), file('ar', 'zh'));
const send = (route: string, body: string) =>
  request(ctx.app).post(route).set('Content-Type', 'application/xliff+xml').send(body);

describe('a 1.2 file whose <file> elements declare different target languages', () => {
  it('is pretranslated without tgt, each file into its own, and X-Mizan-Languages names both', async () => {
    const res = await send('/api/v1/pretranslate', EN_ZH).expect(200);
    const filled = (text: string) => `<target state="translated" state-qualifier="exact-match">${text}</target>`;
    expect(res.text).toBe(
      EN_ZH.replace(`${CONSENSUS.ar}</source>`, `${CONSENSUS.ar}</source>${filled(CONSENSUS.en)}`).replace(
        /(target-language="zh"[\s\S]*?<\/source>)/,
        `$1${filled(CONSENSUS.zh)}`,
      ),
    );
    expect(JSON.parse(String(res.headers['x-mizan-languages']))).toEqual({
      src: 'ar',
      tgt: 'en',
      targets: ['en', 'zh'],
    });
  });

  it('is analyzed without tgt, each file in its own target', async () => {
    const res = await send('/api/v1/analyze', EN_ZH).expect(200);
    expect(res.body).toMatchObject({ src: 'ar', tgt: 'en', targets: ['en', 'zh'], total: { segments: 2 } });
    expect(res.body.rows.find((r: { band: string }) => r.band === 'repetition').segments).toBe(0);
  });

  it('is refused with tgt naming one of them, the message saying what the request asked', async () => {
    const res = await send('/api/v1/pretranslate?tgt=en', EN_ZH).expect(400);
    expect(res.body.error).toEqual({
      code: 'XLIFF_LANGUAGE_MISMATCH',
      message: 'The XLIFF file declares target-language="zh", but the request asks for "en".',
    });
  });

  it('is pretranslated the same way by npm run xliff, which names both targets', () => {
    const input = path.join(dir, 'en-zh.xlf');
    fs.writeFileSync(input, EN_ZH);
    const result = runScript('xliff', prefix, 'pretranslate', input);
    expect(result.stderr).toContain('ar -> en, zh, min 75: 2 segment(s): 2 filled');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(CONSENSUS.zh);
  }, 30_000);
});

describe('a 1.2 file whose <file> elements declare different source languages', () => {
  it('is refused with XLIFF_LANGUAGES_DIFFER, which claims nothing of the request', async () => {
    const res = await send('/api/v1/pretranslate', xliff(file('ar', 'zh'), file('en', 'zh'))).expect(400);
    expect(res.body.error).toEqual({
      code: 'XLIFF_LANGUAGES_DIFFER',
      message:
        'The <file> elements of the XLIFF file declare different source languages (source-language="en" after ' +
        '"ar"): send one file per source language, or name the source language with "src".',
    });
  });
});
