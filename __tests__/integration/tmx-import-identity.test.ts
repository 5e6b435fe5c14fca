/**
 * A tu that names its document and position (x-document, x-position: what a TM's export writes for document rows) is
 * that row: importing a TM's export back, into it or into a fresh TM, adds nothing and changes nothing.
 */
import request from 'supertest';
import { silentLogger, type Logger } from '../../src/config';
import type { TmIndex } from '../../src/match';
import { unitIdFor } from '../../src/service/ids';
import { Imports } from '../../src/service/imports';
import { Mirrors } from '../../src/service/mirrors';
import { ImportStore } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { allUnits, exportTmx as exportTmxOf, importDone, tmChecksum, TMX_HEAD as HEAD } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const importTmx = (tm: string, body: string) => importDone(ctx.app, tm, body);
const exportTmx = (tm: string) => exportTmxOf(ctx.app, tm);
const unitCount = async (tm: string) =>
  ((await request(ctx.app).get('/api/v1/tms').expect(200)).body as { tms: { name: string; units: number }[] }).tms.find(
    (t) => t.name === tm,
  )?.units;

const placed = (doc: string, position: number, ar: string, lang: string, text: string) =>
  `<tu><prop type="x-document">${doc}</prop><prop type="x-position">${position}</prop>` +
  `<prop type="x-paragraph">0</prop><tuv xml:lang="ar"><seg>${ar}</seg></tuv>` +
  `<tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>\n`;

describe("importing a TM's own export", () => {
  it('back into the TM adds and changes nothing: every unit is reported unchanged, document rows included', async () => {
    const before = await unitCount('main');
    const exported = await exportTmx('main');
    expect(exported).toContain('<prop type="x-document">');
    const job = await importTmx('main', exported);
    // Every tu is read and staged as its own unit; none is written: the second pass is all `unchanged`.
    expect(job.units.written).toBe(0);
    expect(job.units.unchanged).toBe(job.units.staged);
    expect(job.units.staged).toBe(before);
    expect(await unitCount('main')).toBe(before);
    const checksum = await tmChecksum(ctx.redis, ctx.keys, 'main');
    await importTmx('main', exported);
    expect(await tmChecksum(ctx.redis, ctx.keys, 'main')).toBe(checksum);
  });

  it('into a fresh TM, then its export into it again, keeps the count: the second import is all unchanged', async () => {
    const exported = await exportTmx('main');
    const first = await importTmx('copy', exported);
    const count = await unitCount('copy');
    expect(count).toBe(await unitCount('main'));
    expect(first.units.written).toBe(count);
    const again = await importTmx('copy', await exportTmx('copy'));
    expect(again.units).toMatchObject({ staged: count, written: 0, unchanged: count });
    expect(await unitCount('copy')).toBe(count);
    // The copy's rows keep their placement as TMX metadata (mizan builds no document from a TMX).
    const row = (await allUnits(ctx.app, 'copy')).find((u) => u.tmx?.document !== undefined);
    expect(row?.tmx).toMatchObject({ document: expect.any(String), position: expect.any(Number) });
  });

  it('that changes a document row: the TMX wins for the text, the row keeps its document and position', async () => {
    const { body: list } = await request(ctx.app).get('/api/v1/documents').query({ tm: 'main' }).expect(200);
    const docId = (list as { documents: { id: string }[] }).documents[0]!.id;
    const { body: doc } = await request(ctx.app).get(`/api/v1/documents/${docId}`).query({ tm: 'main' }).expect(200);
    const row = (doc as { segments: { position: number; unitId: string; ar: string; en: string }[] }).segments[1]!;
    const before = await unitCount('main');
    const job = await importTmx(
      'main',
      HEAD + placed(docId, row.position, row.ar, 'en', 'A corrected row') + '</body></tmx>',
    );
    expect(job.units).toMatchObject({ staged: 1, written: 1 });
    expect(await unitCount('main')).toBe(before);
    const { body: after } = await request(ctx.app).get(`/api/v1/documents/${docId}`).query({ tm: 'main' }).expect(200);
    const changed = (after as { segments: { position: number; unitId: string; en: string }[] }).segments[1]!;
    expect(changed).toMatchObject({ position: row.position, unitId: row.unitId, en: 'A corrected row' });
  });
});

describe('bilingual files that name the same document rows', () => {
  it('merge into one unit per row, whose id is the row’s', async () => {
    await importTmx('bi-doc', HEAD + placed('D1', 0, 'نص الصف الأول', 'en', 'First row') + '</body></tmx>');
    const zh = await importTmx('bi-doc', HEAD + placed('D1', 0, 'نص الصف الأول', 'zh', '第一行') + '</body></tmx>');
    expect(zh.units).toMatchObject({ staged: 1, written: 1 });
    const units = await allUnits(ctx.app, 'bi-doc');
    expect(units).toEqual([expect.objectContaining({ ar: 'نص الصف الأول', en: 'First row', zh: '第一行' })]);
    const ids = await ctx.redis.smembers(ctx.keys.units('bi-doc'));
    expect(ids).toEqual([unitIdFor('bi-doc', 'D1', 0)]);
  });

  it('within one file merge too, and a tu without a position keeps the identity of its Arabic', async () => {
    const file =
      HEAD +
      placed('D2', 3, 'جملة في وثيقة', 'en', 'A sentence in a document') +
      placed('D2', 3, 'جملة في وثيقة', 'zh', '文件中的一句话') +
      '<tu><prop type="x-document">D2</prop><tuv xml:lang="ar"><seg>جملة في وثيقة</seg></tuv>' +
      '<tuv xml:lang="en"><seg>Without a position</seg></tuv></tu>\n</body></tmx>';
    const job = await importTmx('one-file-doc', file);
    expect(job.units).toMatchObject({ read: 3, staged: 2, written: 2 });
    expect(job.merge.extended).toBe(1);
    expect((await ctx.redis.smembers(ctx.keys.units('one-file-doc'))).sort()).toContain(
      unitIdFor('one-file-doc', 'D2', 3),
    );
  });
});

describe('tus that name a document', () => {
  const docOnly = (doc: string, ar: string, lang: string, text: string, tuid: string) =>
    `<tu tuid="${tuid}"><prop type="x-document">${doc}</prop><tuv xml:lang="ar"><seg>${ar}</seg></tuv>` +
    `<tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>\n`;

  it('naming one row with two Arabic sources: the first is the row, the other a conflict the job reports', async () => {
    const file =
      HEAD +
      placed('D3', 0, 'نص الصف الأول', 'en', 'First row') +
      placed('D3', 0, 'نص آخر تماما', 'zh', '完全不同的文本').replace('<tu>', '<tu tuid="other">') +
      '</body></tmx>';
    const job = await importTmx('row-conflict', file);
    expect(job.units).toMatchObject({ read: 2, staged: 1, written: 1 });
    expect(job.merge).toEqual({
      extended: 0,
      conflicts: { en: 0, zh: 1 },
      samples: [{ ar: 'نص آخر تماما', lang: 'zh', tuid: 'other', reason: 'different-source' }],
    });
    const units = await allUnits(ctx.app, 'row-conflict');
    expect(units).toEqual([expect.objectContaining({ ar: 'نص الصف الأول', en: 'First row', zh: '' })]);
  });

  it('without a position: a unit per Arabic, one Arabic in two documents one unit, its conflict reported', async () => {
    const file =
      HEAD +
      docOnly('D4', 'المادة الأولى', 'en', 'Article 1', 'a') +
      docOnly('D4', 'المادة الثانية', 'en', 'Article 2', 'b') +
      docOnly('D5', 'المادة الأولى', 'en', 'First article', 'c') +
      '</body></tmx>';
    const job = await importTmx('doc-only', file);
    expect(job.units).toMatchObject({ read: 3, staged: 2, written: 2 });
    expect(job.merge.conflicts).toEqual({ en: 1, zh: 0 });
    expect((job.merge as { samples?: unknown[] }).samples).toEqual([
      { ar: 'المادة الأولى', lang: 'en', tuid: 'c', reason: 'different-translation' },
    ]);
    const units = await allUnits(ctx.app, 'doc-only');
    expect(units.map((u) => [u.ar, u.en, u.tmx?.document]).sort()).toEqual([
      ['المادة الأولى', 'Article 1', 'D4'],
      ['المادة الثانية', 'Article 2', 'D4'],
    ]);
  });
});

describe('the index an import of placed rows builds as it reads', () => {
  it('is taken, and equals the index rebuilt from Redis', async () => {
    const taken: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      debug: (m) => void (m.includes('taken from an import') && taken.push(m)),
    };
    const mirrors = new Mirrors(ctx.store, logger, 'strict');
    const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), (tm, b) => mirrors.refresh(tm, b), logger, {
      buildIndex: true,
      stageChunk: 5,
      commitChunk: 7,
    });
    const job = await imports.run('placed-index', [await exportTmx('main')]);
    expect(job.status).toBe('done');
    const [index] = await mirrors.indexes(['placed-index'], ['ar']);
    expect(taken).toHaveLength(1);
    const fresh = new Mirrors(ctx.store, silentLogger, 'strict');
    const [rebuilt] = await fresh.indexes(['placed-index'], ['ar']);
    const contents = async (i: TmIndex) => {
      const ids = (await ctx.redis.smembers(ctx.keys.units('placed-index'))).sort();
      return { size: i.size, units: ids.map((id) => i.get(id)), hits: i.search('الصين', 'ar', { min: 40, limit: 5 }) };
    };
    expect(await contents(index!)).toEqual(await contents(rebuilt!));
    await fresh.close();
    await mirrors.close();
  });
});
