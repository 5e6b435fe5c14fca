import { PassThrough } from 'node:stream';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { Imports } from '../../src/service/imports';
import { ImportStore } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { dtdErrors, fixture } from '../helpers/tmx';
import { allUnits, generatedTmx, waitJob, type JobBody, type UnitBody } from '../helpers/tm-import';

// Each test runs one or two whole import jobs (a worker thread each): on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

/** POSTs a TMX as the raw body; the 202 job once the import has ended. */
async function importTmx(tm: string, body: Buffer | string, type = 'application/x-tmx+xml'): Promise<JobBody> {
  const res = await request(ctx.app)
    .post(`/api/v1/tms/${tm}/imports`)
    .set('Content-Type', type)
    .send(Buffer.from(body))
    .expect(202);
  expect(res.headers.location).toBe(`/api/v1/jobs/${(res.body as JobBody).id}`);
  return waitJob(ctx.app, (res.body as JobBody).id);
}

const units = async (tm: string) => allUnits(ctx.app, tm);
const byAr = async (tm: string, ar: string) => (await units(tm)).find((u) => u.ar.trim() === ar);

describe('TMX import: trilingual units with inline codes and metadata', () => {
  it('imports, reports the job, keeps codes as placeables and TMX metadata beside the text', async () => {
    const file = fixture('trilingual-inline.tmx');
    const job = await importTmx('inline', file);
    expect(job).toMatchObject({ status: 'done', units: { read: 3, staged: 3, written: 3, unchanged: 0 } });
    // The upload, spooled to disk, read whole: its size known from the start, as progress while reading.
    expect(job.bytes).toEqual({ read: file.length, total: file.length });
    expect(job.encoding).toBe('utf-8');
    const first = (await units('inline')).find((u) => u.en.startsWith('Click'))!;
    expect(first.ar).toBe('اضغط \uE000هنا\uE001 لفتح \uE002الملف\uE003');
    expect(first.codes!.ar!.map((c) => c.kind)).toEqual(['bpt', 'ept', 'ph', 'ph']);
    expect(first.tmx).toMatchObject({
      tuid: 't-1',
      attrs: { creationid: 'amira', usagecount: '7', changedate: '20240302T080000Z' },
      props: [
        ['x-client', 'Xinhua'],
        ['x-domain', 'diplomacy'],
      ],
      notes: ['Checked by the editor'],
    });
    expect(first.tuv!.ar).toEqual({ tag: 'ar-SA', attrs: { creationid: 'amira' }, props: [['x-origin', 'human']] });
    expect(first.documentId).toBeNull();
  });

  it('makes the units matchable, placeables not counted as words', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/match')
      .query({ q: 'اضغط هنا لفتح الملف', tm: 'inline', min: 50 })
      .expect(200);
    // Same words: only the codes differ, which is not a word of difference.
    expect(res.body.matches[0].score).toBeGreaterThanOrEqual(95);
    expect(res.body.matches[0].targets.en).toContain('\uE000here\uE001');
  });

  it('adds nothing when the same file is imported again', async () => {
    const before = await units('inline');
    const job = await importTmx('inline', fixture('trilingual-inline.tmx'));
    expect(job).toMatchObject({ status: 'done', units: { staged: 3, written: 0, unchanged: 3 } });
    expect(await units('inline')).toEqual(before);
  });
});

describe('TMX import: bilingual files merged by Arabic source', () => {
  it('merges an ar–en file and a UTF-16 ar–zh file into trilingual units; Traditional Chinese kept apart', async () => {
    const en = await importTmx('merged', fixture('bilingual-ar-en.tmx'));
    expect(en).toMatchObject({ status: 'done', units: { read: 4, written: 4 } });
    const zh = await importTmx('merged', fixture('bilingual-ar-zh.utf16le.tmx'), 'text/xml');
    expect(zh.encoding).toBe('utf-16le');
    expect(zh.languages['zh-Hant']).toBe(2);
    expect(zh.skipped['no-target']).toBe(0); // ar + zh-Hant-TW only: kept, its Chinese apart
    const morning = await byAr('merged', 'صباح الخير');
    expect(morning).toMatchObject({ en: 'Good morning', zh: '早上好' });
    expect(morning!.apart).toEqual([expect.objectContaining({ tag: 'zh-TW', text: '早安', reason: 'traditional' })]);
    expect(await byAr('merged', 'شكرا جزيلا')).toMatchObject({ en: 'Thank you very much', zh: '非常感谢' });
    expect(await byAr('merged', 'مرحبا بالعالم')).toMatchObject({ en: 'Hello, world', zh: '' });
    expect(await byAr('merged', 'طاب يومك')).toMatchObject({ en: '', zh: '祝你愉快' });
    expect(await units('merged')).toHaveLength(5);
  });

  it('merges within one file: the first translation wins, a different later one is counted as a conflict', async () => {
    const head = '<?xml version="1.0"?><tmx version="1.4"><header srclang="*all*"/><body>';
    const tu = (lang: string, text: string) =>
      `<tu><tuv xml:lang="ar"><seg>الطقس جميل اليوم</seg></tuv><tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>`;
    const file =
      head + tu('en', 'Nice weather today') + tu('zh', '今天天气很好') + tu('en', 'Lovely day') + '</body></tmx>';
    const job = await importTmx('onefile', file);
    expect(job).toMatchObject({ units: { read: 3, staged: 1, written: 1 }, merge: { extended: 1 } });
    expect(job.merge.conflicts.en).toBe(1);
    expect(await units('onefile')).toEqual([
      expect.objectContaining({ ar: 'الطقس جميل اليوم', en: 'Nice weather today', zh: '今天天气很好' }),
    ]);
  });

  it('counts and skips other language pairs', async () => {
    const job = await importTmx('others', fixture('other-languages.tmx'));
    expect(job.status).toBe('done');
    expect(job.skipped).toMatchObject({ 'no-arabic': 2, 'no-target': 1, empty: 1 });
    expect(job.languages).toMatchObject({ fr: 3, de: 1 });
    expect(await units('others')).toEqual([expect.objectContaining({ ar: 'نعم', en: 'Yes' })]);
  });
});

describe('TMX import over a TM that has units', () => {
  it('updates a unit added on its own with the same Arabic (the TMX wins), keeping languages the TMX lacks', async () => {
    await request(ctx.app)
      .post('/api/v1/units')
      .send({ tm: 'wins', ar: 'صباح الخير', en: 'Morning!', zh: '早' })
      .expect(201);
    await importTmx('wins', fixture('bilingual-ar-en.tmx'));
    expect(await byAr('wins', 'صباح الخير')).toMatchObject({ en: 'Good morning', zh: '早' });
  });
});

describe('TMX import in many chunks', () => {
  it('stages and commits chunk by chunk (several in flight) into the same units as one chunk', async () => {
    const head = '<?xml version="1.0"?><tmx version="1.4"><header srclang="*all*"/><body>';
    const tu = (i: number, lang: string, text: string) =>
      `<tu tuid="t${i}${lang}"><tuv xml:lang="ar"><seg>جملة رقم ${i} <ph x="1">{0}</ph></seg></tuv>` +
      `<tuv xml:lang="${lang}"><seg>${text} <ph x="1">{0}</ph></seg></tuv></tu>`;
    const ids = Array.from({ length: 23 }, (_, i) => i);
    const file =
      head +
      ids.map((i) => tu(i, 'en', `Sentence ${i}`)).join('') +
      ids.map((i) => tu(i, 'zh', `第${i}句`)).join('') +
      tu(3, 'en', 'A conflicting one') +
      '</body></tmx>';
    for (const tm of ['chunked', 'whole', 'chunked-inline'])
      await request(ctx.app).post('/api/v1/units').send({ tm, ar: 'جملة رقم 5 \uE000', zh: '旧' }).expect(201);
    const small = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {
      stageChunk: 3,
      commitChunk: 4,
    });
    const job = await small.run('chunked', [Buffer.from(file)]);
    expect(job).toMatchObject({ status: 'done', units: { read: 47, staged: 23, written: 23 } });
    // 23 units merged within the file (en, then zh), one en conflict within it; and the unit added on its own
    // gained en (extended) and had its zh replaced (a zh conflict with the TM).
    expect(job.merge).toEqual({
      extended: 24,
      conflicts: { en: 1, zh: 1 },
      samples: [{ ar: 'جملة رقم 3 \uE000', lang: 'en', tuid: 't3en', reason: 'different-translation' }],
    });
    await importTmx('whole', file);
    const sorted = async (tm: string) => (await units(tm)).sort((a, b) => a.ar.localeCompare(b.ar));
    const chunked = await sorted('chunked');
    expect(chunked).toHaveLength(23); // the unit added on its own has the Arabic of unit 5: one unit
    expect(chunked).toEqual(await sorted('whole'));
    // Read on the import's thread instead of a worker: the same job and the same units.
    const inline = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {
      stageChunk: 3,
      commitChunk: 4,
      readThread: 'inline',
    });
    const inlineJob = await inline.run('chunked-inline', [Buffer.from(file)]);
    expect({ ...inlineJob, id: '', tm: '', created: '', updated: '', finished: '' }).toEqual({
      ...job,
      id: '',
      tm: '',
      created: '',
      updated: '',
      finished: '',
    });
    expect(await sorted('chunked-inline')).toEqual(chunked);
    expect(chunked.find((u) => u.ar.startsWith('جملة رقم 5 '))).toMatchObject({ en: 'Sentence 5 \uE000' });
    expect(chunked.find((u) => u.ar.startsWith('جملة رقم 5 '))!.zh).toBe('第5句 \uE000');
    // Imported again in small chunks: nothing is written.
    expect((await small.run('chunked', [Buffer.from(file)])).units).toMatchObject({ written: 0, unchanged: 23 });
  });
});

describe('units read many at a time (export, listing, index)', () => {
  it('reads a unit whose text holds NUL (stored before the API refused it: INVALID_CHARACTER) whole', async () => {
    const unit = { tm: 'nul', ar: 'نص فيه محرف فارغ', en: 'a\u0000b', zh: '甲\u0000乙' };
    await ctx.tm.createUnit(unit.tm, unit); // the service itself, as a unit written by an older version
    expect(await units('nul')).toEqual([expect.objectContaining({ ar: unit.ar, en: unit.en, zh: unit.zh })]);
    const match = await request(ctx.app).get('/api/v1/match').query({ q: unit.ar, tm: 'nul', min: '90' }).expect(200);
    expect(match.body.matches[0].targets).toEqual({ en: unit.en, zh: unit.zh });
  });
});

describe('GET /api/v1/tms and /api/v1/tms/:tm/units', () => {
  it('lists TMs with their unit and document counts', async () => {
    const res = await request(ctx.app).get('/api/v1/tms').expect(200);
    expect(res.body.tms).toEqual(expect.arrayContaining([{ name: 'merged', units: 5, documents: 0 }]));
  });

  it('pages through every unit, those added by POST /api/v1/units too', async () => {
    await importTmx('paged', generatedTmx(250));
    await request(ctx.app).post('/api/v1/units').send({ tm: 'paged', ar: 'وحدة مضافة وحدها', en: 'Alone' }).expect(201);
    const seen = new Set<string>();
    let cursor: string | null = '0';
    let pages = 0;
    while (cursor !== null) {
      const res = await request(ctx.app).get('/api/v1/tms/paged/units').query({ cursor, limit: 40 }).expect(200);
      const body = res.body as { units: UnitBody[]; cursor: string | null };
      for (const u of body.units) seen.add(u.ar);
      cursor = body.cursor;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen.size).toBe(251);
    expect(seen.has('وحدة مضافة وحدها')).toBe(true);
  });

  it('answers UNKNOWN_TM for a TM that does not exist', async () => {
    const res = await request(ctx.app).get('/api/v1/tms/nothing-here/units').expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_TM');
  });
});

describe('TM export', () => {
  it('writes every unit once when the TM spans many pages read ahead', async () => {
    await importTmx('read-ahead', generatedTmx(40));
    for (const format of ['tmx', 'tsv'] as const) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const result = await ctx.tm.exportTm('read-ahead', out, { format, toolVersion: 't', page: 3 });
      expect(result).toEqual({ written: 40, skipped: 0 });
      const text = Buffer.concat(chunks).toString('utf8');
      const numbers = [...text.matchAll(/جملة تجريبية رقم (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
  });

  it('writes TMX the DTD accepts, Arabic first, srclang ar, every tuv with xml:lang', async () => {
    const res = await request(ctx.app).get('/api/v1/tms/inline/export').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/x-tmx\+xml/);
    const xml = res.text;
    expect(dtdErrors(xml)).toBe('');
    expect(xml).toMatch(/<tmx version="1\.4">/);
    expect(xml).toMatch(/srclang="ar"/);
    for (const tu of xml.split('<tu ').slice(1)) expect(tu).toMatch(/^[^>]*>\s*(<(note|prop)[^]*?)?<tuv xml:lang="ar/);
    expect(xml).not.toMatch(/<tuv(?![^>]*xml:lang)/);
  });

  it('is lossless: import → export → import gives the same units and metadata', async () => {
    const exported = await request(ctx.app).get('/api/v1/tms/inline/export').query({ apart: 1 }).expect(200);
    await importTmx('inline-again', exported.text);
    const merged = await request(ctx.app).get('/api/v1/tms/merged/export').query({ apart: 1 }).expect(200);
    await importTmx('merged-again', merged.text);
    expect(await units('inline-again')).toEqual(await units('inline'));
    expect(await units('merged-again')).toEqual(await units('merged'));
  });

  it('writes one pair, or TSV without codes', async () => {
    const pair = await request(ctx.app).get('/api/v1/tms/merged/export').query({ langs: 'ar,zh' }).expect(200);
    expect(pair.text).not.toMatch(/xml:lang="en/);
    expect(pair.text.match(/<tu /g)).toHaveLength(3); // the units without Chinese are left out
    const tsv = await request(ctx.app).get('/api/v1/tms/inline/export').query({ format: 'tsv' }).expect(200);
    const lines = tsv.text.trim().split('\n');
    expect(lines[0]).toBe('unit_id\tdocument\tposition\tar\ten\tzh');
    expect(lines).toHaveLength(4);
    expect(tsv.text).not.toMatch(/[\uE000-\uF8FF]/);
  });

  it('refuses a language list without a target and an unknown format', async () => {
    await request(ctx.app).get('/api/v1/tms/inline/export').query({ langs: 'ar' }).expect(400);
    const res = await request(ctx.app).get('/api/v1/tms/inline/export').query({ format: 'pdf' }).expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_FORMAT');
  });
});

describe('uploads', () => {
  it('takes the file as multipart/form-data', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/tms/multi/imports')
      .attach('file', fixture('bilingual-ar-en.tmx'), 'memory.tmx')
      .expect(202);
    const job = await waitJob(ctx.app, (res.body as JobBody).id);
    expect(job).toMatchObject({ status: 'done', file: 'memory.tmx', units: { written: 4 } });
  });

  it('ignores the other fields of a form, before and after the file part', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/tms/multifields/imports')
      .field('x', '1')
      .attach('file', fixture('bilingual-ar-en.tmx'), 'memory.tmx')
      .field('submit', 'Import')
      .expect(202);
    const job = await waitJob(ctx.app, (res.body as JobBody).id);
    expect(job).toMatchObject({ status: 'done', file: 'memory.tmx', units: { written: 4 } });
  });

  it('refuses other media types (415) and answers 404 for an unknown job', async () => {
    await request(ctx.app).post('/api/v1/tms/x/imports').set('Content-Type', 'text/plain').send('hello').expect(415);
    const res = await request(ctx.app).get('/api/v1/jobs/j0000000000000000').expect(404);
    expect(res.body.error.code).toBe('JOB_NOT_FOUND');
  });

  it('refuses to cancel a finished job (409)', async () => {
    const job = await importTmx('finished', generatedTmx(3));
    const res = await request(ctx.app).delete(`/api/v1/jobs/${job.id}`).expect(409);
    expect(res.body.error.code).toBe('JOB_NOT_CANCELLABLE');
  });
});
