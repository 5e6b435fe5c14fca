import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  mergeUnits,
  placeableChar,
  readTmx,
  readTmxUnits,
  tmxToDocuments,
  TuMerger,
  writeTmxUnits,
  type InlineCode,
  type TmxTu,
} from '../../src/formats';
import { LANGS, type DocumentRow } from '../../src/types';
import { dtdErrors, fixture } from '../helpers/tmx';

const TM_DIR = path.resolve(__dirname, '../../tm');
const FULL = { toolVersion: 'test', keepTags: true, apart: true };
const roundTrip = async (units: TmxTu[], options = FULL) => (await readTmxUnits(writeTmxUnits(units, options))).units;

describe('TMX round trip: import → export → import', () => {
  it.each(['trilingual-inline.tmx', 'bilingual-ar-en.tmx', 'bilingual-ar-zh.utf16le.tmx', 'other-languages.tmx'])(
    'gives the same units and metadata for %s, through a DTD-valid export',
    async (name) => {
      const { units } = await readTmxUnits(fixture(name));
      expect(units.length).toBeGreaterThan(0);
      expect(dtdErrors(writeTmxUnits(units, FULL))).toBe('');
      expect(await roundTrip(units)).toEqual(units);
    },
  );

  it('is stable from the first export on with the default shape (language codes, nothing kept apart)', async () => {
    const { units } = await readTmxUnits(fixture('bilingual-ar-zh.utf16le.tmx'));
    const once = writeTmxUnits(units, { toolVersion: 'test' });
    const again = writeTmxUnits((await readTmxUnits(once)).units, { toolVersion: 'test' });
    expect(again).toBe(once);
    expect(once).not.toContain('zh-TW');
  });

  // ≈ 0.4 s alone, ≈ 1.5 s beside the other suites on 2 busy cores: a timeout of its own keeps the headroom.
  it('keeps placeables, props, notes and dates of random units', async () => {
    await fc.assert(fc.asyncProperty(fc.array(arbitraryUnit, { minLength: 1, maxLength: 5 }), roundTripsExactly), {
      numRuns: 100,
    });
  }, 30_000);
});

async function roundTripsExactly(units: TmxTu[]): Promise<void> {
  expect(await roundTrip(units)).toEqual(units);
}

describe('merging bilingual files by their Arabic source', () => {
  it('joins an ar–en file and an ar–zh (UTF-16) file into trilingual units that export and import unchanged', async () => {
    const merger = new TuMerger();
    const en = await readTmxUnits(fixture('bilingual-ar-en.tmx'));
    const zh = await readTmxUnits(fixture('bilingual-ar-zh.utf16le.tmx'));
    const merged = await mergeUnits([...en.units, ...zh.units], merger);
    expect(merged.map((u) => [u.langs.ar!.text.trim(), u.langs.en?.text, u.langs.zh?.text])).toEqual([
      ['صباح الخير', 'Good morning', '早上好'],
      ['شكرا جزيلا', 'Thank you very much', '非常感谢'],
      ['مرحبا بالعالم', 'Hello, world', undefined],
      ['إلى اللقاء', 'Goodbye', undefined],
      ['طاب يومك', undefined, '祝你愉快'],
    ]);
    expect(merged[0]!.apart.map((v) => v.tag)).toEqual(['zh-TW']);
    // The ar–zh file's Arabic-only tu (its Chinese Traditional) brings that variant to the ar–en unit: extended too.
    expect(merged.filter((u) => u.apart.some((v) => v.reason === 'traditional'))).toHaveLength(2);
    expect(merger.counts).toEqual({ units: 5, extended: 3, duplicates: 0, conflicts: { en: 0, zh: 0 } });
    const xml = writeTmxUnits(merged, FULL);
    expect(dtdErrors(xml)).toBe('');
    expect((await readTmxUnits(xml)).units).toEqual(merged);
  });
});

describe('the seed TMX files in tm/', () => {
  const files = fs.readdirSync(TM_DIR).filter((f) => f.endsWith('.tmx'));

  it.each(files)('%s reads with the streaming reader into the same rows as with the current parser', async (file) => {
    const bytes = fs.readFileSync(path.join(TM_DIR, file));
    const expected = tmxToDocuments(readTmx(bytes));
    const { units } = await readTmxUnits(bytes);
    const byDoc = new Map<string, DocumentRow[]>();
    for (const unit of units) {
      const row: DocumentRow = { position: unit.position!, paragraph: unit.paragraph ?? 0, ar: '', en: '', zh: '' };
      for (const lang of LANGS) row[lang] = unit.langs[lang]?.text ?? '';
      if (unit.confidence !== undefined) row.confidence = unit.confidence;
      if (unit.review) row.review = true;
      byDoc.set(unit.document!, [...(byDoc.get(unit.document!) ?? []), row]);
    }
    expect(expected.map((d) => d.meta.id)).toEqual([...byDoc.keys()]);
    for (const doc of expected) expect(byDoc.get(doc.meta.id)).toEqual(doc.segments);
    expect(await roundTrip(units)).toEqual(units);
  });
});

/* Random units: texts from a palette that includes markup characters, controls XML keeps, private-use characters
   and all three scripts, with inline codes in between. */
const palette = fc.constantFrom(...'ab زيد 中文 <>&"\' \t\r\n\uE005\u00A0١2'.split(''));
const word = fc.string({ unit: palette, minLength: 0, maxLength: 12 });
const code: fc.Arbitrary<InlineCode> = fc.oneof(
  fc
    .record({ x: fc.integer({ min: 1, max: 9 }), body: fc.constantFrom('{0}', '&lt;br/&gt;', '') })
    .map(({ x, body }) => ({
      kind: 'ph' as const,
      x: String(x),
      xml: body ? `<ph x="${x}">${body}</ph>` : `<ph x="${x}"/>`,
    })),
  fc.constant<InlineCode>({ kind: 'ut', xml: '<ut>{\\b}</ut>' }),
);

/** A segment: words and codes interleaved, the codes numbered in order (as the reader numbers them). */
const segment = fc
  .array(fc.tuple(word, fc.option(code, { nil: undefined })), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    const codes: InlineCode[] = [];
    let text = 'ن';
    for (const [w, c] of parts) {
      text += w.replace(/\uE005/g, () => {
        codes.push({ kind: 'char', xml: '&#xE005;' });
        return placeableChar(codes.length - 1);
      });
      if (c) {
        codes.push(c);
        text += placeableChar(codes.length - 1);
      }
    }
    return { text, codes };
  });
const date = fc.constantFrom('20240101T000000Z', '20991231T235959Z');
const propList = fc.array(fc.tuple(fc.constantFrom('x-a', 'x-b', 'Txt::Note'), word), { maxLength: 2 });
const arbitraryUnit: fc.Arbitrary<TmxTu> = fc
  .record({
    tuid: fc.option(word, { nil: undefined }),
    created: fc.option(date, { nil: undefined }),
    props: propList,
    notes: fc.array(word, { maxLength: 2 }),
    ar: segment,
    en: fc.option(segment, { nil: undefined }),
    zh: segment,
    document: fc.option(fc.constantFrom('doc-1', 'وثيقة'), { nil: undefined }),
  })
  .map((r) => {
    const unit: TmxTu = {
      attrs: r.created ? { creationdate: r.created, usagecount: '3' } : {},
      props: r.props,
      notes: r.notes,
      langs: { ar: { tag: 'ar', ...r.ar }, zh: { tag: 'zh-CN', ...r.zh, props: [['x-origin', 'tm']] } },
      apart: [],
    };
    if (r.en) unit.langs.en = { tag: 'en', ...r.en };
    if (r.tuid !== undefined) unit.tuid = r.tuid;
    if (r.document !== undefined) Object.assign(unit, { document: r.document, position: 0, paragraph: 0 });
    return unit;
  });
