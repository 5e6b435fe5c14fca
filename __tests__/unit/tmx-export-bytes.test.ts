import fc from 'fast-check';
import { Writable } from 'node:stream';
import { TmxStreamWriter, tuXml, type InlineCode, type TmxTu } from '../../src/formats';
import { NO_ROOM, NOT_HERE, SKIP, TuBytes } from '../../src/service/tu-bytes';
import { cutValues, newCuts, valueStrings } from '../../src/service/unit-bytes';
import { stagedFields, toTmxUnit } from '../../src/service/unit-fields';
import { RECORD_FIELDS, unitRecord } from '../../src/store';
import { encodeRecord } from '../../src/store/unit-record';
import type { Lang } from '../../src/types';

/** A unit as Redis answers it: its record (src/store/unit-record.ts), as bytes. */
const joined = (h: Record<string, string>) => encodeRecord(h);

const LANG_SETS: Lang[][] = [
  ['ar', 'en', 'zh'],
  ['ar', 'en'],
  ['ar', 'zh'],
];

/**
 * What the string path writes for the record, '' when the export leaves it out: the tu as the writer writes it, in
 * UTF-8 (where a lone surrogate becomes U+FFFD), decoded again.
 */
function byStrings(bytes: Buffer, langs: Lang[], apart: boolean): string {
  const cuts = newCuts();
  expect(cutValues(bytes, cuts)).toBe(true);
  const xml = tuXml(toTmxUnit('u1', unitRecord(valueStrings(bytes, cuts))), langs, { keepTags: true, apart });
  return Buffer.from(xml, 'utf8').toString('utf8');
}

/**
 * What the byte path writes for the record (a slice `offset` bytes into a larger Buffer, as ioredis answers them,
 * written `at` bytes into the output): the tu, '' when left out, or undefined when it leaves the unit to the string
 * path.
 */
function byBytes(bytes: Buffer, langs: Lang[], apart: boolean, offset = 0, at = 0): string | undefined {
  const page = Buffer.concat([Buffer.alloc(offset, 0x7d), bytes, Buffer.from('"}],')]);
  const record = page.subarray(offset, offset + bytes.length);
  const cuts = newCuts();
  expect(cutValues(record, cuts)).toBe(true);
  const out = Buffer.alloc(at + 64 * 1024, 0x2a);
  const end = new TuBytes(langs, apart).write(out, at, record, cuts);
  if (end === SKIP) return '';
  if (end === NOT_HERE) return undefined;
  expect(end).toBeGreaterThanOrEqual(at);
  return out.toString('utf8', at, end);
}

const tmx = JSON.stringify({ tuid: 'u1', attrs: { creationdate: '20240101T120000Z' }, props: [['x-a', 'b & c']] });
const ph = JSON.stringify([{ kind: 'ph', x: '1', xml: '<ph x="1">{0}</ph>' }]);
const UNITS: Record<string, Record<string, string>> = {
  plain: { ar: 'مرحبا بالعالم', en: 'Hello world', zh: '你好，世界。', tmx },
  'placed in a document': {
    ar: 'نص',
    en: 'text',
    zh: '文本',
    doc: 'd1',
    pos: '4',
    para: '2',
    conf: '0.5',
    review: '1',
  },
  'placement from its TMX props': {
    ar: 'نص',
    en: 'text',
    tmx: JSON.stringify({ document: 'x', position: 3, paragraph: 1, confidence: 0.8, review: true, notes: ['n'] }),
  },
  'tab and newline': { ar: 'سطر\tو\nسطر', en: 'a\tb\nc', zh: '' },
  'one target only': { ar: 'نص', en: '', zh: '文本' },
  'with markup to escape': { ar: 'أ < ب & ج', en: 'a < b & c', zh: '甲' },
  'with a carriage return': { ar: 'سطر\r\nسطر', en: 'line', zh: '行' },
  'with a control character': { ar: 'نص\u0001', en: 'text', zh: '文本' },
  'with U+FFFE': { ar: 'نص', en: 'text\uFFFE\uFFFF', zh: '文本' },
  'with a placeable and its code': { ar: '\uE000نص', en: '\uE000text', zh: '文本', 'codes:ar': ph, 'codes:en': ph },
  'with a private-use character and no code': { ar: 'نص\uF8FF', en: 'text\uE123', zh: '文本' },
  'with a character beyond the BMP': { ar: 'نص 😀', en: 'text 😀', zh: '文本' },
  'with hi tags to balance': {
    ar: '\uE001نص\uE000\uE000',
    en: 'text\uE000',
    'codes:ar': JSON.stringify([
      { kind: 'hi', xml: '<hi type="b">' },
      { kind: 'hi', close: true, xml: '</hi>' },
    ]),
    'codes:en': JSON.stringify([{ kind: 'hi', xml: '<hi x="1">' }]),
  },
  'with escaped JSON': {
    ar: 'نص\uE000',
    en: 'text',
    tmx:
      '{"tuid":"a\\/b\\"c\\u00e9\\ud83d\\ude00\\ud800","attrs":{"creationid":"x\\ty\\r\\n"},' +
      '"notes":["\\u0001<\\u001f"]}',
    'codes:ar': '[{"kind":"ph","xml":"<ph>\\t\\u0007\\udc00\\/\\"x\\"<\\/ph>"}]',
  },
  'with tuv metadata': { ar: 'نص', en: 'text', zh: '文本', 'tuv:ar': JSON.stringify({ tag: 'ar-SA' }) },
  'with tuv attributes, notes and props': {
    ar: 'نص',
    en: 'text',
    zh: '文本',
    'tuv:en': JSON.stringify({ attrs: { creationid: 'a"b', segtype: 'x' }, notes: ['n & m'], props: [['t', 'v']] }),
    'tuv:zh': JSON.stringify({ tag: 'zh-CN', attrs: { changedate: '20240101T000000Z' } }),
  },
  'with tuv metadata of another shape': { ar: 'نص', en: 'text', 'tuv:en': JSON.stringify({ text: 'x' }) },
  'with variants kept apart': {
    ar: 'نص',
    en: 'text',
    apart: JSON.stringify([{ tag: 'zh-TW', text: '文本', reason: 'traditional' }]),
  },
  'with numbers not written as JavaScript writes them': { ar: 'نص', en: 'text', doc: 'd', pos: '04', conf: '0.50' },
  'without targets': { ar: 'نص', en: '', zh: '' },
  'without Arabic': { ar: '', en: 'text', zh: '文本' },
};
/** The units the byte path must write itself (the others may go to the string path). */
const STRING_PATH = [
  'with variants kept apart',
  'with tuv metadata of another shape',
  'with numbers not written as JavaScript writes them',
];

describe('writing a stored unit from its bytes', () => {
  for (const [name, h] of Object.entries(UNITS))
    it(`writes the same tu as the string path, or leaves it to it: ${name}`, () => {
      const bytes = joined(h);
      const cuts = newCuts();
      expect(cutValues(bytes, cuts)).toBe(true);
      expect(valueStrings(bytes, cuts)).toEqual(RECORD_FIELDS.map((f) => h[f] ?? ''));
      for (const langs of LANG_SETS)
        for (const apart of [false, true]) {
          const expected = byStrings(bytes, langs, apart);
          const written = byBytes(bytes, langs, apart, 7, 3);
          if (written === undefined) expect(STRING_PATH).toContain(name);
          else expect(written).toBe(expected);
          if (!STRING_PATH.includes(name) && !(name === 'with variants kept apart' && apart))
            expect(written).toBeDefined();
        }
    });

  it('answers NO_ROOM when the output cannot hold the unit, and writes it once there is room', () => {
    const bytes = joined(UNITS.plain!);
    const cuts = newCuts();
    cutValues(bytes, cuts);
    const tus = new TuBytes(['ar', 'en', 'zh'], false);
    expect(tus.write(Buffer.alloc(100), 0, bytes, cuts)).toBe(NO_ROOM);
    expect(tus.write(Buffer.alloc(4000), 3900, bytes, cuts)).toBe(NO_ROOM);
    const out = Buffer.alloc(4000);
    expect(out.toString('utf8', 0, tus.write(out, 0, bytes, cuts))).toBe(byStrings(bytes, ['ar', 'en', 'zh'], false));
  });

  it('cuts the fields of a unit whose values hold NUL and colons, and refuses bytes that are no record', () => {
    const cuts = newCuts();
    expect(cutValues(joined({ ar: 'a\0b', en: '1:x' }), cuts)).toBe(true);
    expect(valueStrings(joined({ ar: 'a\0b', en: '1:x' }), cuts).slice(0, 3)).toEqual(['a\0b', '1:x', '']);
    expect(cutValues(Buffer.from('a\0b'), cuts)).toBe(false);
    expect(cutValues(Buffer.concat([joined({ ar: 'ab' }), Buffer.from('0:')]), cuts)).toBe(false);
    expect(cutValues(joined({ ar: 'ab' }).subarray(1), cuts)).toBe(false);
  });

  it('writes a unit larger than the writer’s chunk whole', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    const writer = new TmxStreamWriter(sink, { toolVersion: 't' });
    const big = 'نص '.repeat(200_000);
    await writer.write({ langs: { ar: { text: big, codes: [] }, en: { text: 'x', codes: [] } } });
    await writer.end();
    expect(Buffer.concat(chunks).toString()).toContain(`<seg>${big}</seg>`);
    expect(writer.written).toBe(1);
  });
});

/** Some JSON string characters written as \uXXXX (or `\/`), as another JSON writer might: the same value. */
function reescaped(json: string, pick: (n: number) => number): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') inString = !inString;
    else if (inString && c === '\\') {
      const length = json[i + 1] === 'u' ? 6 : 2;
      out += json.slice(i, i + length);
      i += length - 1;
      continue;
    } else if (inString && pick(4) === 0) {
      out += c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      continue;
    }
    out += c;
  }
  return out;
}

const CHARS = ['a', ' ', 'ب', '文', '&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0001', '\uFFFE', '😀', '\uD800', '/'];
const text = (placeables: boolean) =>
  fc
    .array(fc.constantFrom(...CHARS, ...(placeables ? ['\uE000', '\uE001', '\uE002', '\uF8FF'] : [])), {
      maxLength: 12,
    })
    .map((cs) => cs.join(''));
const code: fc.Arbitrary<InlineCode> = fc.oneof(
  fc.record({ kind: fc.constant('ph' as const), x: fc.constant('1'), xml: text(false) }),
  fc.record({ kind: fc.constant('hi' as const), xml: text(false) }),
  fc.record({ kind: fc.constant('hi' as const), close: fc.constant(true as const), xml: fc.constant('</hi>') }),
);
const variant = (tag: string) =>
  fc.record(
    {
      tag: fc.constantFrom(tag, `${tag}-XY`, 'x y'),
      text: text(true),
      codes: fc.array(code, { maxLength: 3 }),
      attrs: fc.dictionary(fc.constantFrom('creationid', 'changedate', 'segtype', 'x-other'), text(false)),
      props: fc.array(fc.tuple(text(false), text(false)), { maxLength: 2 }),
      notes: fc.array(text(false), { maxLength: 2 }),
    },
    { requiredKeys: ['tag', 'text', 'codes'] },
  );
const tu: fc.Arbitrary<TmxTu> = fc.record({
  tuid: fc.option(text(false), { nil: undefined }),
  attrs: fc.dictionary(fc.constantFrom('creationdate', 'creationid', 'changeid', 'usagecount', 'x-other'), text(false)),
  props: fc.array(fc.tuple(text(false), text(false)), { maxLength: 2 }),
  notes: fc.array(text(false), { maxLength: 2 }),
  langs: fc.record({ ar: variant('ar'), en: variant('en'), zh: variant('zh') }, { requiredKeys: ['ar'] }),
  apart: fc.constant([]),
  document: fc.option(text(false), { nil: undefined }),
  position: fc.option(fc.nat(), { nil: undefined }),
  confidence: fc.option(fc.constantFrom(0.5, 0.25, 1, 0.123456), { nil: undefined }),
  review: fc.option(fc.constant(true as const), { nil: undefined }),
}) as fc.Arbitrary<TmxTu>;
const placement = fc.option(
  fc.record({
    doc: text(false),
    pos: fc.constantFrom('', '0', '12', '007', '1.5'),
    para: fc.constantFrom('', '3'),
    conf: fc.constantFrom('', '1', '0.75', '0.750'),
    review: fc.constantFrom('', '0', '1', 'a,b'),
  }),
  { nil: undefined },
);

describe('the byte path against the string path, on generated units', () => {
  it('writes what the string path writes whenever it writes a unit, and every unit of the shapes it reads', () => {
    let written = 0;
    let runs = 0;
    fc.assert(
      fc.property(tu, placement, fc.integer({ min: 0, max: 2 ** 30 }), (unit, placed, seed) => {
        let state = seed;
        const pick = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31) >> 8) % n;
        const fields: Record<string, string> = { ...stagedFields(unit, 'all'), ...(placed ?? {}) };
        let shaped = !placed || (placed.pos !== '007' && placed.conf !== '0.750');
        for (const name of ['tmx', 'codes:ar', 'codes:en', 'codes:zh'])
          if (fields[name] && pick(2) === 0) {
            fields[name] = reescaped(fields[name], pick);
            shaped = false;
          }
        const bytes = joined(fields);
        for (const langs of LANG_SETS) {
          runs++;
          const bytesWritten = byBytes(bytes, langs, false, pick(5), pick(5));
          if (shaped) expect(bytesWritten).toBeDefined();
          if (bytesWritten === undefined) continue;
          written++;
          expect(bytesWritten).toBe(byStrings(bytes, langs, false));
        }
      }),
      { numRuns: 3000 },
    );
    expect(written / runs).toBeGreaterThan(0.3);
  });
});
