/**
 * Which unit a `tu` that names its document is, as an import's reading decides it (service/import-records.ts): a
 * `tu` with `x-document` and `x-position` is that row; one with `x-document` alone keeps the identity of its Arabic
 * (a unit of no document, its document kept as metadata). No `tu` is merged into a unit of another source or lost
 * without being counted.
 */
import { readRecords, type RecordBatch } from '../../src/service/import-records';
import { standaloneUnitId, unitIdFor } from '../../src/service/ids';
import { decodeRecord } from '../../src/store/unit-record';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n';
const OPTIONS = { tm: 'tm', file: 'f.tmx', maxBytes: 1 << 20, chunk: 100, updated: 1 };

/** A tu naming document `doc` (and `position` when given), with its Arabic and one target. */
const tu = (doc: string, position: number | undefined, ar: string, lang: string, text: string, tuid = '') =>
  `<tu${tuid && ` tuid="${tuid}"`}><prop type="x-document">${doc}</prop>` +
  (position === undefined ? '' : `<prop type="x-position">${position}</prop>`) +
  `<tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>\n`;

interface Read {
  records: { id: string; first: boolean; fields: Record<string, string> }[];
  skipped: Record<string, number>;
  merge: { extended: number; conflicts: { en: number; zh: number }; samples?: Record<string, string>[] };
}

async function read(tus: string): Promise<Read> {
  const batches: RecordBatch[] = [];
  for await (const batch of readRecords([Buffer.from(HEAD + tus + '</body></tmx>')], OPTIONS)) batches.push(batch);
  const records = batches.flatMap((b) =>
    b.ids.map((id, k) => {
      const bytes = Buffer.from(b.records.subarray(k === 0 ? 0 : b.ends[k - 1], b.ends[k]));
      return { id, first: b.first[k]!, fields: decodeRecord(bytes) as Record<string, string> };
    }),
  );
  const fields = batches.at(-1)!.fields;
  return {
    records,
    skipped: JSON.parse(fields.skipped as string) as Read['skipped'],
    merge: JSON.parse(fields.merge as string) as Read['merge'],
  };
}

describe('a tu that names its document but no position', () => {
  it('is a unit of its own for each Arabic: two different units naming the same document are both kept', async () => {
    const { records, merge } = await read(
      tu('D', undefined, 'الجملة الأولى', 'en', 'One') + tu('D', undefined, 'الجملة الثانية', 'en', 'Two'),
    );
    expect(records.map((r) => r.id)).toEqual([
      standaloneUnitId('tm', 'الجملة الأولى'),
      standaloneUnitId('tm', 'الجملة الثانية'),
    ]);
    expect(records.map((r) => JSON.parse(r.fields.tmx!) as unknown)).toEqual([{ document: 'D' }, { document: 'D' }]);
    expect(merge.conflicts).toEqual({ en: 0, zh: 0 });
  });

  it('with the Arabic of one in another document merges by Arabic: another translation is a conflict', async () => {
    const { records, merge, skipped } = await read(
      tu('D1', undefined, 'بسم الله', 'en', 'In the name of God') +
        tu('D2', undefined, 'بسم الله', 'en', 'In the name of Allah', 'second') +
        tu('D3', undefined, 'بسم الله', 'en', 'In the name of God') +
        tu('D4', undefined, 'بسم الله', 'zh', '以真主之名'),
    );
    expect(records.map((r) => [r.id, r.first])).toEqual([
      [standaloneUnitId('tm', 'بسم الله'), true],
      [standaloneUnitId('tm', 'بسم الله'), false],
    ]);
    expect(records[1]!.fields).toMatchObject({ zh: '以真主之名' });
    expect(records[1]!.fields.tmx).toBe(''); // the unit keeps the first tu's placement, D1
    expect(merge).toEqual({
      extended: 1,
      conflicts: { en: 1, zh: 0 },
      samples: [{ ar: 'بسم الله', lang: 'en', tuid: 'second', reason: 'different-translation' }],
    });
    expect(skipped.duplicate).toBe(1); // D3: the same translation of the same Arabic
  });
});

describe('two tus that name the same document and position', () => {
  it('with the same Arabic are one row, the second adding its language', async () => {
    const { records, merge } = await read(tu('D', 0, 'نص الصف', 'en', 'Row') + tu('D', 0, 'نص الصف', 'zh', '行'));
    expect(records.map((r) => r.id)).toEqual([unitIdFor('tm', 'D', 0), unitIdFor('tm', 'D', 0)]);
    expect(merge).toEqual({ extended: 1, conflicts: { en: 0, zh: 0 } });
  });

  it('with another Arabic: the first is the row, the second a reported conflict, never merged into it', async () => {
    const { records, merge, skipped } = await read(
      tu('D', 0, 'نص الصف الأول', 'en', 'First row') +
        tu('D', 0, 'نص مختلف', 'zh', '不同的文本', 'other-zh') +
        tu('D', 0, 'نص مختلف', 'en', 'First row', 'other-en'),
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.id).toBe(unitIdFor('tm', 'D', 0));
    expect(records[0]!.fields).toMatchObject({ ar: 'نص الصف الأول', en: 'First row' });
    expect(merge).toEqual({
      extended: 0,
      conflicts: { en: 1, zh: 1 },
      samples: [
        { ar: 'نص مختلف', lang: 'zh', tuid: 'other-zh', reason: 'different-source' },
        { ar: 'نص مختلف', lang: 'en', tuid: 'other-en', reason: 'different-source' },
      ],
    });
    expect(skipped.duplicate).toBe(0);
  });
});
