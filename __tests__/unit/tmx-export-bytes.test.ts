import { Writable } from 'node:stream';
import { TmxStreamWriter, tuXml } from '../../src/formats';
import { cutValues, newCuts, plainText, tuPieces, valueStrings } from '../../src/service/unit-bytes';
import { toTmxUnit } from '../../src/service/unit-fields';
import { RECORD_FIELDS, unitRecord } from '../../src/store';
import { encodeRecord } from '../../src/store/unit-record';
import type { Lang } from '../../src/types';

/** A unit as lua/readUnits answers it: its record (src/store/unit-record.ts), as bytes. */
const joined = (h: Record<string, string>) => encodeRecord(h);

const tmx = JSON.stringify({ tuid: 'u1', attrs: { creationdate: '20240101T120000Z' }, props: [['x-a', 'b & c']] });
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
  'with U+FFFE': { ar: 'نص', en: 'text\uFFFE', zh: '文本' },
  'with a placeable and its code': {
    ar: '\uE000نص',
    en: '\uE000text',
    zh: '文本',
    'codes:ar': JSON.stringify([{ kind: 'ph', x: '1', xml: '<ph x="1">{0}</ph>' }]),
    'codes:en': JSON.stringify([{ kind: 'ph', x: '1', xml: '<ph x="1">{0}</ph>' }]),
  },
  'with a private-use character and no code': { ar: 'نص\uF8FF', en: 'text\uE123', zh: '文本' },
  'with a character beyond the BMP': { ar: 'نص 😀', en: 'text 😀', zh: '文本' },
  'with tuv metadata': { ar: 'نص', en: 'text', zh: '文本', 'tuv:ar': JSON.stringify({ tag: 'ar-SA' }) },
  'with variants kept apart': {
    ar: 'نص',
    en: 'text',
    apart: JSON.stringify([{ tag: 'zh-TW', text: '文本', reason: 'traditional' }]),
  },
  'without targets': { ar: 'نص', en: '', zh: '' },
  'without Arabic': { ar: '', en: 'text', zh: '文本' },
};
/** The units the byte path must write itself (the others may go to the string path). */
const BYTE_PATH = [
  'plain',
  'placed in a document',
  'placement from its TMX props',
  'tab and newline',
  'one target only',
];
const LANG_SETS: Lang[][] = [
  ['ar', 'en', 'zh'],
  ['ar', 'en'],
  ['ar', 'zh'],
];

describe('writing a stored unit from its bytes', () => {
  for (const [name, h] of Object.entries(UNITS))
    it(`writes the same tu as the string path, or leaves it to it: ${name}`, () => {
      const bytes = joined(h);
      const cuts = newCuts();
      expect(cutValues(bytes, cuts)).toBe(true);
      const values = valueStrings(bytes, cuts);
      expect(values).toEqual(RECORD_FIELDS.map((f) => h[f] ?? ''));
      for (const langs of LANG_SETS)
        for (const apart of [false, true]) {
          const expected = tuXml(toTmxUnit('u1', unitRecord(values)), langs, { keepTags: true, apart });
          const pieces = tuPieces('u1', bytes, cuts, langs, apart);
          if (pieces === undefined) expect(BYTE_PATH).not.toContain(name);
          else if (pieces === '') expect(expected).toBe('');
          else expect(Buffer.concat(pieces.map((p) => Buffer.from(p))).toString()).toBe(expected);
        }
    });

  it('takes the bytes as they are only for text with nothing to escape and no placeable', () => {
    expect(plainText(Buffer.from('مرحبا، 你好！ Hello\tworld\n'))).toBe(true);
    for (const text of ['a&b', 'a<b', 'a>b', 'a\rb', '\u0007', '\uE000', '\uF8FF', '\uFFFF', '😀'])
      expect(plainText(Buffer.from(text))).toBe(false);
    expect(plainText(Buffer.from('\uF900\uFF0C\uFFFD'))).toBe(true);
    expect(plainText(Buffer.from('<ab>'), 1, 3)).toBe(true);
  });

  it('cuts the fields of a unit whose values hold NUL and colons, and refuses bytes that are no record', () => {
    const cuts = newCuts();
    expect(cutValues(joined({ ar: 'a\0b', en: '1:x' }), cuts)).toBe(true);
    expect(valueStrings(joined({ ar: 'a\0b', en: '1:x' }), cuts).slice(0, 3)).toEqual(['a\0b', '1:x', '']);
    expect(cutValues(Buffer.from('a\0b'), cuts)).toBe(false);
    expect(cutValues(Buffer.concat([joined({ ar: 'ab' }), Buffer.from('0:')]), cuts)).toBe(false);
    expect(cutValues(joined({ ar: 'ab' }).subarray(1), cuts)).toBe(false);
  });

  it('writes pieces larger than the writer’s buffer whole', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    const writer = new TmxStreamWriter(sink, { toolVersion: 't' });
    const big = Buffer.from('نص '.repeat(200_000));
    await writer.writeXml(['    <tu>', big, '</tu>\n']);
    await writer.end();
    expect(Buffer.concat(chunks).toString()).toContain(`    <tu>${big.toString()}</tu>\n`);
    expect(writer.written).toBe(1);
  });
});
