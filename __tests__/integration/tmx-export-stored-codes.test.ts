/**
 * Units stored with inline codes the TMX 1.4b DTD refuses (bpt/ept without i, it without pos, at the top of a segment
 * or inside a sub; elements inside a code where the DTD does not allow them), as mizan stored them before it repaired codes on import: every TMX export of them is DTD-valid
 * all the same — the whole TM's, whether a unit goes by the byte path or the string path, and a document's — and
 * its codes read back as the export's repair wrote them.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { placeableChar as P, type InlineCode, type TmxTu } from '../../src/formats';
import { ImportStore } from '../../src/store';
import { encodeRecord } from '../../src/store/unit-record';
import { documentUnitKey, standaloneUnitKey, unitIdOfKey } from '../../src/service/ids';
import { stagedFields } from '../../src/service/unit-fields';
import { createTestContext, type TestContext } from '../helpers/context';
import { dtdErrors } from '../helpers/tmx';
import { allUnits, exportTmx, importDone } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The seed document (in TM `main`), whose row 3 the aligner flagged for review. */
const SEED = 'ace54e57cd73f9de';

type Segment = [text: string, codes: InlineCode[]];
const tuOf = (ar: Segment, en: Segment): TmxTu => ({
  attrs: {},
  props: [],
  notes: [],
  apart: [],
  langs: { ar: { tag: 'ar', text: ar[0], codes: ar[1] }, en: { tag: 'en', text: en[0], codes: en[1] } },
});

/** Stores the units through the import's staging and commit (ImportStore), their codes as given: no repair. */
async function storeAsBefore(tm: string, units: { key: string; tu: TmxTu }[]): Promise<void> {
  const store = new ImportStore(ctx.redis, ctx.keys);
  const job = `before-${randomUUID()}`;
  const records = units.map(({ tu }) => encodeRecord({ ...stagedFields(tu, 'all'), updated: String(Date.now()) }));
  let end = 0;
  const ends = records.map((record) => (end += record.length));
  const ids = units.map(({ key }) => unitIdOfKey(key));
  await store.stage(tm, job, { ids, first: ids.map(() => true), records: Buffer.concat(records), ends }, 60_000);
  expect((await store.commit(tm, job, 100)).written).toBe(units.length);
}

const bold = (i = '') => [
  { kind: 'bpt' as const, ...(i && { i }), xml: `<bpt${i && ` i="${i}"`}>&lt;b&gt;</bpt>` },
  { kind: 'ept' as const, ...(i && { i }), xml: `<ept${i && ` i="${i}"`}>&lt;/b&gt;</ept>` },
];
/** Codes without i or pos, as a tool wrote them and mizan once kept them. */
const TOP: [Segment, Segment] = [
  [`${P(0)}اضغط${P(1)} ${P(2)}هنا`, [...bold(), { kind: 'it', xml: '<it>&lt;i&gt;</it>' }]],
  [`${P(0)}Press${P(1)} ${P(2)}here`, [...bold(), { kind: 'it', x: '4', xml: '<it pos="middle" x="4">{\\b}</it>' }]],
];
/** Valid codes holding a sub whose own codes lack their i or pos. */
const IN_SUB: [Segment, Segment] = [
  [`${P(0)}صورة`, [{ kind: 'ph', xml: '<ph>&lt;img alt="<sub>كبيرة <bpt>&lt;b&gt;</bpt>جدا</sub>"&gt;</ph>' }]],
  [
    `${P(0)}image`,
    [{ kind: 'ph', xml: '<ph>&lt;img alt="<sub><bpt>[</bpt>big<ept>]</ept><ept>&lt;/b&gt;</ept></sub>"&gt;</ph>' }],
  ],
];
const VALID: [Segment, Segment] = [
  [`${P(0)}صالح${P(1)}`, bold('1')],
  [`${P(0)}valid${P(1)}`, bold('1')],
];
const PLAIN: [Segment, Segment] = [
  ['نص بلا رموز', []],
  ['text without codes', []],
];

const REPAIRED = {
  top: '<bpt i="1">&lt;b&gt;</bpt>اضغط<ept i="1">&lt;/b&gt;</ept> <it pos="begin">&lt;i&gt;</it>هنا',
  topEn: '<bpt i="1">&lt;b&gt;</bpt>Press<ept i="1">&lt;/b&gt;</ept> <ph x="4">{\\b}</ph>here',
  sub: '<ph>&lt;img alt="<sub>كبيرة <it pos="begin">&lt;b&gt;</it>جدا</sub>"&gt;</ph>صورة',
  subEn: '<ph>&lt;img alt="<sub><bpt i="1">[</bpt>big<ept i="1">]</ept><it pos="end">&lt;/b&gt;</it></sub>"&gt;</ph>',
};

/** Codes holding elements where the DTD does not allow them, as mizan kept them before it wrote them as text. */
const MISPLACED: [Segment, Segment] = [
  [`${P(0)}رابط${P(1)}`, [{ kind: 'bpt', i: '1', xml: '<bpt i="1">a<ph/>b</bpt>' }, bold('1')[1]!]],
  [
    `${P(0)}link${P(1)}`,
    [
      { kind: 'ph', xml: '<ph>a<hi>h</hi><sub>s<sub>t</sub></sub></ph>' },
      { kind: 'ph', xml: '<ph/>' },
    ],
  ],
];
const MISPLACED_WRITTEN = {
  ar: '<seg><bpt i="1">a&lt;ph/&gt;b</bpt>رابط<ept i="1">&lt;/b&gt;</ept></seg>',
  en: '<seg><ph>a&lt;hi&gt;h&lt;/hi&gt;<sub>s&lt;sub&gt;t&lt;/sub&gt;</sub></ph>link<ph/></seg>',
};

/** The `tu`s of a TMX, in order of their text (a TM's export writes its units in no set order). */
const tus = (tmx: string) => (tmx.match(/<tu[ >][\s\S]*?<\/tu>/g) ?? []).sort();

describe('exporting units stored with codes the DTD refuses', () => {
  it('writes a whole-TM TMX the DTD accepts, repaired as an import repairs, valid codes verbatim', async () => {
    const units = [TOP, IN_SUB, VALID, PLAIN].map(([ar, en]) => ({
      key: standaloneUnitKey('stored', ar[0]),
      tu: tuOf(ar, en),
    }));
    await storeAsBefore('stored', units);
    const exported = await exportTmx(ctx.app, 'stored');
    expect(dtdErrors(exported)).toBe('');
    for (const xml of Object.values(REPAIRED)) expect(exported).toContain(xml);
    expect(exported).toContain('<seg><bpt i="1">&lt;b&gt;</bpt>صالح<ept i="1">&lt;/b&gt;</ept></seg>');
    expect(exported).toContain('<seg>نص بلا رموز</seg>');
    // The stored units are left as they were: the export repairs what it writes, not the TM.
    const stored = await allUnits(ctx.app, 'stored');
    expect(stored.find((u) => u.en.startsWith(`${P(0)}Press`))!.codes!.ar).toEqual(TOP[0][1]);
  });

  it('gives, imported again, units whose export is the same', async () => {
    const exported = await exportTmx(ctx.app, 'stored');
    await importDone(ctx.app, 'stored-again', exported);
    const again = await exportTmx(ctx.app, 'stored-again');
    expect(tus(exported)).toHaveLength(4);
    expect(tus(again)).toEqual(tus(exported));
  });

  it('writes elements a code holds where the DTD does not allow them as its text, as an import now reads them', async () => {
    await storeAsBefore('misplaced', [
      { key: standaloneUnitKey('misplaced', MISPLACED[0][0]), tu: tuOf(...MISPLACED) },
    ]);
    const exported = await exportTmx(ctx.app, 'misplaced');
    expect(dtdErrors(exported)).toBe('');
    for (const xml of Object.values(MISPLACED_WRITTEN)) expect(exported).toContain(xml);
    await importDone(ctx.app, 'misplaced-again', exported);
    expect(tus(await exportTmx(ctx.app, 'misplaced-again'))).toEqual(tus(exported));
  });

  it('writes a document’s rows and the whole TM, flagged rows included, as TMX the DTD accepts', async () => {
    // Rows 3 (flagged by the aligner: the whole-TM export writes it on the string path) and 4 of the seed document.
    await storeAsBefore('main', [
      { key: documentUnitKey('main', SEED, 3), tu: tuOf(...TOP) },
      { key: documentUnitKey('main', SEED, 4), tu: tuOf(...IN_SUB) },
      { key: documentUnitKey('main', SEED, 5), tu: tuOf(...MISPLACED) },
    ]);
    const whole = await exportTmx(ctx.app, 'main');
    expect(dtdErrors(whole)).toBe('');
    expect(whole).toContain(REPAIRED.top);
    expect(whole).toContain(REPAIRED.sub);
    const document = await request(ctx.app).get(`/api/v1/documents/${SEED}`).query({ format: 'tmx' }).expect(200);
    expect(document.text).toContain('<prop type="x-position">3</prop>');
    expect(dtdErrors(document.text)).toBe('');
    // The document's TMX writes its rows' codes as the whole TM's does, repaired alike.
    for (const xml of [REPAIRED.top, REPAIRED.sub, ...Object.values(MISPLACED_WRITTEN)]) {
      expect(document.text).toContain(xml);
      expect(whole).toContain(xml);
    }
  });
});
