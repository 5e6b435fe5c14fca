import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { FIXTURES, lineDiff, P } from '../helpers/xliff-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  // A floor of 0 (MIZAN_MIN_FLOOR=0): the alt-trans test asks for candidates far below the default floor.
  ctx = await createTestContext({ config: { minFloor: 0 } });
});
afterAll(() => ctx.close());

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'xliff', name));
/** supertest's parser for a body kept as bytes. */
const binary = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test['parse']>[0];
const post = (route: string, body: Buffer, type = 'application/xliff+xml') =>
  request(ctx.app).post(route).set('Content-Type', type).send(body).buffer(true).parse(binary);

async function pretranslate(name: string, query = ''): Promise<{ input: string; output: string; totals: unknown }> {
  const res = await post(`/api/v1/pretranslate${query}`, fixture(name)).expect(200);
  return {
    input: fixture(name).toString('utf8'),
    output: (res.body as Buffer).toString('utf8'),
    totals: JSON.parse(String(res.headers['x-mizan-segments'])),
  };
}

/** The unit element with this id (1.2 trans-unit or 2.x unit), as text. */
function unit(xml: string, id: string): string {
  const at = xml.search(new RegExp(`<(\\w+:)?(trans-unit|unit)\\b[^>]*\\bid="${id.replace(/[[\]]/g, '\\$&')}"`));
  expect(at).toBeGreaterThanOrEqual(0);
  const end = xml.slice(at).search(/<\/(\w+:)?(trans-unit|unit)>/);
  return xml.slice(at, at + end);
}

const SEED = {
  consensus: {
    ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
    en: 'The two sides reached broad consensus on strengthening practical cooperation.',
    zh: '双方就加强务实合作达成广泛共识。',
  },
  ministersEn:
    "The foreign ministers of the five countries noted that developing relations with China is a priority in their countries' diplomacy.",
  ministersZh: '五国外长表示，发展对华关系是各自国家外交的优先方向。',
  headlineEn: 'Chinese Foreign Minister Holds Talks with Senior Diplomats of Central Asian Countries',
  centersEn: 'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to establish cultural centers.',
  centersZh: '中国将同吉尔吉斯斯坦、塔吉克斯坦和土库曼斯坦合作设立文化中心。',
};

describe('POST /api/v1/pretranslate with XLIFF 1.2 from Translate Toolkit', () => {
  it('fills targets from the seed TM with states per band and changes nothing but the target lines', async () => {
    const { input, output, totals } = await pretranslate('seed-po2xliff-ar-en.xlf');
    expect(unit(output, '3')).toContain(
      `<target state="translated" state-qualifier="exact-match">${SEED.consensus.en}</target>`,
    );
    expect(unit(output, '4')).toContain(
      `<target state="needs-review-translation" state-qualifier="fuzzy-match">${SEED.ministersEn.replace("'", "'")}</target>`,
    );
    // A PO "fuzzy" draft (approved="no") is the tool's to refill; the repetition is filled like its first occurrence.
    expect(unit(output, '6')).toContain(`state-qualifier="fuzzy-match">${SEED.headlineEn}</target>`);
    expect(unit(output, '8')).toContain(`state-qualifier="exact-match">${SEED.consensus.en}</target>`);
    // New text and a match below min stay empty; the confirmed translation is untouched.
    expect(unit(output, '7')).toContain('<target></target>');
    expect(unit(output, '9')).toContain('<target></target>');
    expect(unit(output, '5')).toBe(unit(input, '5'));
    // The PO header (restype x-gettext-domain-header) is not counted: it is no text to translate.
    expect(totals).toEqual({
      filled: 4,
      confirmed: 1,
      'no-match': 2,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
    expect(unit(output, '2')).toBe(unit(input, '2'));
    const { removed, added } = lineDiff(input, output);
    expect(removed).toEqual([
      '        <target></target>',
      '        <target></target>',
      '        <target>Draft headline</target>',
      '        <target></target>',
    ]);
    expect(added).toHaveLength(4);
    for (const line of added)
      expect(line).toMatch(/^ {8}<target state="[a-z-]+" state-qualifier="[a-z-]+">[^<]+<\/target>$/);
  });

  it('fills an approved unit whose target is empty, and counts it as filled, not confirmed', async () => {
    const input = fixture('seed-po2xliff-ar-en.xlf')
      .toString('utf8')
      .replace(/(<ns0:trans-unit [^>]*id="3")>/, '$1 approved="yes">')
      .replace(/(id="3"[^]*?)<target><\/target>/, '$1<target state="translated"></target>');
    expect(unit(input, '3')).toContain('approved="yes"');
    expect(unit(input, '3')).toContain('<target state="translated"></target>');
    const res = await post('/api/v1/pretranslate', Buffer.from(input)).expect(200);
    const output = (res.body as Buffer).toString('utf8');
    expect(unit(output, '3')).toContain(`state-qualifier="exact-match">${SEED.consensus.en}</target>`);
    const totals = JSON.parse(String(res.headers['x-mizan-segments']));
    expect(totals).toEqual({
      filled: 4,
      confirmed: 1,
      'no-match': 2,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
  });

  it('adds no target-language to a 1.2 file that declares none: only targets and suggestions change', async () => {
    const input = fixture('seed-po2xliff-ar-en.xlf').toString('utf8').replace(' target-language="en"', '');
    expect(input).not.toContain('target-language');
    const res = await post('/api/v1/pretranslate?tgt=en', Buffer.from(input)).expect(200);
    const output = (res.body as Buffer).toString('utf8');
    expect(output).not.toContain('target-language');
    const { removed, added } = lineDiff(input, output);
    expect(added.length).toBeGreaterThan(0);
    for (const line of [...removed, ...added]) expect(line.trim()).toMatch(/^<(target|alt-trans)\b/);
  });

  it('replaces a confirmed target only when asked with overwrite=1', async () => {
    const { output } = await pretranslate('seed-po2xliff-ar-en.xlf', '?overwrite=1');
    expect(unit(output, '5')).toContain(
      `<target state="translated" state-qualifier="exact-match">${SEED.centersEn}</target>`,
    );
    expect(unit(output, '5')).not.toContain('China is to build');
  });

  it('writes the other candidates as alt-trans with their match-quality', async () => {
    const { output } = await pretranslate('seed-po2xliff-ar-en.xlf', '?min=5');
    const fuzzy = unit(output, '4');
    const qualities = [...fuzzy.matchAll(/<(?:ns0:)?alt-trans [^>]*match-quality="(\d+)"/g)].map((m) => Number(m[1]));
    expect(qualities.length).toBeGreaterThan(0);
    for (const q of qualities) expect(q).toBeLessThan(94);
    expect(fuzzy).toMatch(/<ns0:alt-trans [^>]*origin="mizan"/);
    expect(fuzzy.indexOf('<target state=')).toBeLessThan(fuzzy.indexOf('<ns0:alt-trans'));
  });

  it('reads json2po + po2xliff output with target-language zh-CN and fills the Chinese', async () => {
    const { output, totals } = await pretranslate('seed-json2po-po2xliff-ar-zh.xlf');
    expect(unit(output, '3')).toContain(`exact-match">${SEED.consensus.zh}</target>`);
    expect(unit(output, '4')).toContain(`fuzzy-match">${SEED.ministersZh}</target>`);
    expect(totals).toMatchObject({ filled: 2 });
  });

  it('translates an English source into Chinese through the units (the Arabic pivot)', async () => {
    const { output } = await pretranslate('seed-po2xliff-en-zh.xlf');
    expect(unit(output, '3')).toContain(`exact-match">${SEED.consensus.zh}</target>`);
    expect(unit(output, '4')).toContain(`fuzzy-match">${SEED.centersZh}</target>`);
  });
});

describe('POST /api/v1/pretranslate with XLIFF 2.0 and the matches module', () => {
  it('fills targets with states and mtc:matches, keeps other tools’ matches and reviewed targets', async () => {
    const { input, output } = await pretranslate('seed-2.0-ar-zh.xlf');
    const u1 = unit(output, 'u1');
    expect(u1).toContain('origin="other-tm"');
    expect(u1).toMatch(/<mtc:match ref="#s1" type="tm" similarity="100" origin="mizan">/);
    expect(u1).toContain(`<segment id="s1" state="translated">`);
    expect(u1).toContain(`<target>${SEED.consensus.zh}</target>`);
    // Inline codes the TM's target lacks: inserted as a fuzzy match (initial), with its similarity.
    const u2 = unit(output, 'u2');
    expect(u2).toMatch(/<mtc:match ref="#s2" type="tm" similarity="9\d" origin="mizan">/);
    expect(u2).toContain('<segment id="s2" state="initial">');
    expect(unit(output, 'u3')).toBe(unit(input, 'u3'));
    expect(unit(output, 'u5')).toBe(unit(input, 'u5'));
    // The last sentence of the seed document after its neighbour, at the end of the file: a 101 context match.
    expect(unit(output, 'u7')).toMatch(/type="icm" similarity="100"/);
    const { removed } = lineDiff(input, output);
    for (const line of removed) expect(line).toMatch(/^\s*(<segment\b|<target><\/target>$)/);
  });

  it('takes the target language from ?tgt= when it agrees with the file, and refuses it when not', async () => {
    await post('/api/v1/pretranslate?tgt=zh-CN', fixture('seed-2.0-ar-zh.xlf')).expect(200);
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate?tgt=en')
      .set('Content-Type', 'application/xliff+xml')
      .send(fixture('seed-2.0-ar-zh.xlf'))
      .expect(400);
    expect(res.body.error.code).toBe('XLIFF_LANGUAGE_MISMATCH');
  });
});

describe('inline codes, encodings and uploads', () => {
  it('maps the file’s inline codes to the TM’s placeables and back', async () => {
    // A TM unit whose own codes are numbered 3 and 4: they pair with the file's first and second code.
    await ctx.tm.createUnit('main', {
      ar: `انقر ${P(3)}هنا${P(4)} لقراءة الشروط كاملة`,
      en: `Click ${P(3)}here${P(4)} to read the full terms`,
    });
    const { output } = await pretranslate('seed-inline-1.2.xlf');
    expect(unit(output, 'c2')).toContain(
      '<target state="translated" state-qualifier="exact-match">Click <bpt id="1">&lt;a href="/terms"&gt;</bpt>here' +
        '<ept id="1">&lt;/a&gt;</ept> to read the full terms</target>',
    );
    // The TM has the sentence without the file's <g>: inserted with the <g> put in, as a fuzzy match to review.
    expect(unit(output, 'c1')).toContain(`fuzzy-match">${SEED.consensus.en}<g id="1" ctype="bold"></g></target>`);
  });

  it('answers a UTF-16 file in UTF-16 with its BOM, and a multipart upload with the XLIFF media type', async () => {
    const utf8 = fixture('seed-po2xliff-ar-en.xlf').toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
    const res = await post('/api/v1/pretranslate', utf16, 'application/xml').expect(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-16le');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(body.subarray(2).toString('utf16le')).toContain(SEED.consensus.en);
    const form = await request(ctx.app)
      .post('/api/v1/pretranslate?tgt=en')
      .attach('file', fixture('seed-po2xliff-ar-en.xlf'), {
        filename: 'seed.xlf',
        contentType: 'application/octet-stream',
      })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(form.headers['content-type']).toBe('application/xliff+xml; charset=utf-8');
    expect((form.body as Buffer).toString('utf8')).toContain(SEED.consensus.en);
  });
});

describe('XLIFF multipart uploads with fields of their own', () => {
  const form = (route: string) =>
    request(ctx.app)
      .post(route)
      .field('x', '1')
      .field('tgt', 'en')
      .attach('file', fixture('seed-po2xliff-ar-en.xlf'), { filename: 'seed.xlf', contentType: 'application/xml' })
      .field('submit', 'Send');

  it('pretranslates the file part, reading the documented fields and ignoring the others', async () => {
    const res = await form('/api/v1/pretranslate').buffer(true).parse(binary).expect(200);
    expect((res.body as Buffer).toString('utf8')).toContain(SEED.consensus.en);
    expect(JSON.parse(String(res.headers['x-mizan-segments']))).toMatchObject({ filled: 4 });
  });

  it('analyzes the file part, ignoring the other fields', async () => {
    const res = await form('/api/v1/analyze').expect(200);
    expect(res.body).toMatchObject({ src: 'ar', tgt: 'en', total: { segments: 7 } });
  });

  it('still refuses a documented field with a bad value', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate')
      .field('min', 'many')
      .attach('file', fixture('seed-po2xliff-ar-en.xlf'), 'seed.xlf')
      .expect(400);
    expect(res.body.error.code).toBe('MIN_OUT_OF_RANGE');
  });
});

describe('POST /api/v1/analyze', () => {
  it('counts segments and words per band: repetitions, exact, fuzzy, low fuzzy and new', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/analyze')
      .set('Content-Type', 'application/xliff+xml')
      .send(fixture('seed-po2xliff-ar-en.xlf'))
      .expect(200);
    const rows = Object.fromEntries(
      (res.body.rows as { band: string; segments: number; words: number }[]).map((r) => [r.band, r.segments]),
    );
    // The new sentence has no match; the PO header is not counted; the confirmed one counts like any other.
    expect(rows).toEqual({
      repetition: 1,
      '101': 0,
      '100': 2,
      '95-99': 0,
      '85-94': 2,
      '75-84': 0,
      '50-74': 1,
      'no-match': 1,
    });
    expect(res.body.total.segments).toBe(7);
    const repeated = (res.body.rows as { band: string; words: number }[]).find((r) => r.band === 'repetition');
    expect(repeated!.words).toBe(SEED.consensus.ar.split(' ').length);
  });

  it('answers a text table for Accept: text/plain and for format=text', async () => {
    for (const [query, accept] of [
      ['', 'text/plain'],
      ['?format=text', 'application/json'],
    ]) {
      const res = await request(ctx.app)
        .post(`/api/v1/analyze${query}`)
        .set('Content-Type', 'text/xml')
        .set('Accept', accept!)
        .send(fixture('seed-po2xliff-ar-en.xlf'))
        .expect(200)
        .expect('Content-Type', /^text\/plain/);
      expect(res.text).toMatch(/^Analysis ar -> en\n/);
      expect(res.text).toMatch(/\nRepetitions +1 +10 /);
      expect(res.text).toMatch(/\nTotal +7 /);
    }
  });

  it('chooses text or JSON by the Accept type whatever parameters it names (charset)', async () => {
    const analyze = (accept: string) =>
      request(ctx.app)
        .post('/api/v1/analyze')
        .set('Content-Type', 'text/xml')
        .set('Accept', accept)
        .send(fixture('seed-po2xliff-ar-en.xlf'))
        .expect(200);
    for (const accept of ['text/plain;charset=utf-8', 'text/plain; charset=UTF-8, application/json;q=0.5']) {
      const res = await analyze(accept).expect('Content-Type', /^text\/plain/);
      expect(res.text).toMatch(/^Analysis ar -> en\n/);
    }
    for (const accept of ['application/json;charset=utf-8', 'application/json; charset=utf-8, text/plain;q=0.5']) {
      const res = await analyze(accept).expect('Content-Type', /^application\/json/);
      expect(res.body.total.segments).toBe(7);
    }
  });
});
