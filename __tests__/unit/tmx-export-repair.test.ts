/**
 * The export repairs, as it writes them, the inline codes of a unit stored before the import repaired them (a
 * `bpt`/`ept` without `i`, an `it` without `pos`, in a segment or in a `sub`): the string path repairs them, the
 * whole-TM export's byte path leaves such a unit to it, and writes every other unit as the string path does.
 */
import fc from 'fast-check';
import { placeableChar as P, tuXml, writeTmxUnits, type InlineCode, type TmxTuInput } from '../../src/formats';
import { validCodeBytes, validCodeXml } from '../../src/formats/inline-check';
import { writableCodes } from '../../src/formats/inline-repair';
import { NOT_HERE, SKIP, TuBytes } from '../../src/service/tu-bytes';
import { cutValues, newCuts, valueStrings } from '../../src/service/unit-bytes';
import { toTmxUnit } from '../../src/service/unit-fields';
import { unitRecord } from '../../src/store';
import { encodeRecord } from '../../src/store/unit-record';
import type { Lang } from '../../src/types';
import { dtdErrors } from '../helpers/tmx';

const LANGS: Lang[] = ['ar', 'en', 'zh'];

/** A stored unit's record, its texts with one placeable per code, its codes as given. */
function record(codes: InlineCode[], en: InlineCode[] = []): Buffer {
  const text = (list: InlineCode[], word: string) => list.map((_, k) => P(k)).join(word);
  return encodeRecord({
    ar: text(codes, 'نص') || 'نص',
    en: text(en, 'text') || 'text',
    ...(codes.length > 0 && { 'codes:ar': JSON.stringify(codes) }),
    ...(en.length > 0 && { 'codes:en': JSON.stringify(en) }),
  });
}

/** The tu the string path writes for the record. */
function byStrings(bytes: Buffer): string {
  const cuts = newCuts();
  expect(cutValues(bytes, cuts)).toBe(true);
  return tuXml(toTmxUnit('u1', unitRecord(valueStrings(bytes, cuts))), LANGS, { keepTags: true });
}

/** The tu the byte path writes for the record, or undefined when it leaves the unit to the string path. */
function byBytes(bytes: Buffer): string | undefined {
  const cuts = newCuts();
  expect(cutValues(bytes, cuts)).toBe(true);
  const out = Buffer.alloc(64 * 1024);
  const end = new TuBytes(LANGS, false).write(out, 0, bytes, cuts);
  expect(end).not.toBe(SKIP);
  return end === NOT_HERE ? undefined : out.toString('utf8', 0, end);
}

const TOP: InlineCode[] = [
  { kind: 'bpt', xml: '<bpt>&lt;b&gt;</bpt>' },
  { kind: 'ept', xml: '<ept>&lt;/b&gt;</ept>' },
  { kind: 'it', x: '2', xml: '<it x="2" pos="middle">&lt;/i&gt;</it>' },
];
const IN_SUB: InlineCode[] = [
  { kind: 'ph', xml: '<ph>&lt;img alt="<sub>x <ept>&lt;/b&gt;</ept><it>{y}</it></sub>"&gt;</ph>' },
];
const VALID: InlineCode[] = [
  { kind: 'bpt', i: '1', xml: '<bpt i="1" type="a i=">&lt;b&gt;</bpt>' },
  { kind: 'ept', i: '1', xml: '<ept i="1">&lt;/b&gt;<sub>x<it pos="end">)</it></sub></ept>' },
  { kind: 'ph', xml: '<ph>{0}</ph>' },
];

describe('the string path', () => {
  it('writes the codes of a unit stored with codes the DTD refuses repaired, and leaves the unit as it was', () => {
    const unit: TmxTuInput = {
      langs: { ar: { text: `${P(0)}نص${P(1)}${P(2)}`, codes: TOP }, en: { text: `${P(0)}text`, codes: IN_SUB } },
    };
    const before = JSON.stringify(unit);
    const tmx = writeTmxUnits([unit], { toolVersion: 't' });
    expect(dtdErrors(tmx)).toBe('');
    expect(tmx).toContain('<seg><bpt i="1">&lt;b&gt;</bpt>نص<ept i="1">&lt;/b&gt;</ept><it pos="end" x="2">');
    expect(tmx).toContain('<sub>x <it pos="end">&lt;/b&gt;</it><ph>{y}</ph></sub>');
    expect(JSON.stringify(unit)).toBe(before);
  });

  it('takes valid codes as they are, the same list, and a segment without codes at no cost', () => {
    expect(writableCodes(VALID)).toBe(VALID);
    expect(writableCodes(undefined)).toEqual([]);
    expect(writableCodes([])).toEqual([]);
    const repaired = writableCodes(TOP);
    expect(repaired).not.toBe(TOP);
    expect(repaired.map((c) => c.xml)).toEqual([
      '<bpt i="1">&lt;b&gt;</bpt>',
      '<ept i="1">&lt;/b&gt;</ept>',
      '<it pos="end" x="2">&lt;/i&gt;</it>',
    ]);
  });
});

describe('the byte path', () => {
  it('leaves a unit with codes the DTD refuses to the string path, in the segment or in a sub', () => {
    for (const [codes, en] of [
      [TOP, []],
      [[], IN_SUB],
      [VALID, TOP.slice(2)],
    ]) {
      const bytes = record(codes!, en);
      expect(byBytes(bytes)).toBeUndefined();
      expect(
        dtdErrors(writeTmxUnits([], { toolVersion: 't' }).replace('<body>\n', `<body>\n${byStrings(bytes)}`)),
      ).toBe('');
    }
  });

  it('writes a unit whose codes are valid, as the string path does', () => {
    const bytes = record(VALID, VALID);
    expect(byBytes(bytes)).toBe(byStrings(bytes));
  });
});

/**
 * Code XML as the reader writes it, or near it: bpt, ept, it with or without what the DTD asks, a sub, text, and
 * elements where the DTD does not allow them, as an older mizan stored them.
 */
const ATTRS = [' i="1"', ' x="2"', ' pos="begin"', ' pos="end"', ' pos="middle"', ' type="a i="', ' i=""', ' ii="1"'];
const xml: fc.Arbitrary<string> = fc.letrec<{ code: string; content: string }>((tie) => ({
  code: fc
    .tuple(fc.constantFrom('bpt', 'ept', 'it', 'ph', 'item'), fc.subarray(ATTRS, { maxLength: 3 }), tie('content'))
    .map(([name, attrs, content]) => `<${name}${attrs.join('')}>${content}</${name}>`),
  content: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('', '{0}', '&lt;b&gt;', 'ب'),
    fc.tuple(tie('code'), tie('code')).map(([a, b]) => `x<sub>${a}y${b}</sub>`),
    // Elements where the DTD does not allow them: a code in a code, a sub in a sub or in a sub's hi, a hi in a code.
    tie('code').map((a) => `{${a}}`),
    fc.tuple(tie('code'), tie('code')).map(([a, b]) => `<sub><hi x="1">${a}<sub>z</sub></hi><sub>${b}</sub></sub>`),
    tie('code').map((a) => `<hi>${a}</hi>`),
  ),
})).code;

/** A stored code of that XML (an element that is no code stored as a ph). */
const asCode = (xml: string): InlineCode => {
  const name = /^<(\w+)/.exec(xml)![1]!;
  const i = /^<[^>]*\si="([^"]*)"/.exec(xml)?.[1];
  if (name === 'bpt' || name === 'ept') return i === undefined ? { kind: name, xml } : { kind: name, i, xml };
  return { kind: name === 'it' ? 'it' : 'ph', xml };
};

describe('the two forms of the check', () => {
  it('agree on code XML as the reader writes it', () => {
    fc.assert(
      fc.property(xml, (code) => {
        expect(validCodeBytes(Buffer.from(code), 0, Buffer.byteLength(code))).toBe(validCodeXml(code));
      }),
      { numRuns: 2000 },
    );
  });

  it('tell an i or a pos from a value that only looks like one', () => {
    expect(validCodeXml('<bpt type="a i=">x</bpt>')).toBe(false);
    expect(validCodeXml('<it x="pos=&quot;begin&quot;">x</it>')).toBe(false);
    expect(validCodeXml('<ept i="">x</ept>')).toBe(true);
    expect(validCodeXml('<item>x</item><ph/>')).toBe(true);
    expect(validCodeXml('<ph>a<ph/>b</ph>')).toBe(false);
    expect(validCodeXml('<ph>a<sub><hi><ph/></hi></sub>b</ph>')).toBe(true);
  });

  it('answer for the byte path false only where the string path repairs, on generated units', () => {
    fc.assert(
      fc.property(fc.array(xml, { maxLength: 3 }), (codes) => {
        const bytes = record(codes.map(asCode));
        const written = byBytes(bytes);
        if (codes.every(validCodeXml)) expect(written).toBe(byStrings(bytes));
        else expect(written).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
