import {
  matchCodes,
  MAX_PLACEABLES,
  placeableChar,
  remapPlaceables,
  SegmentBuilder,
  segmentXml,
  stripPlaceables,
  withoutPlaceables,
  type InlineCode,
} from '../../src/formats';
import fc from 'fast-check';
import { escapeAttr, escapeText } from '../../src/formats/xml';
import { xmlAttr, xmlText } from '../../src/formats/xml-fast';
import { tokenize } from '../../src/normalize';
import { regexTokenize } from '../../src/normalize/pipeline';

const P = (k: number) => placeableChar(k);
const ph = (x: string, body = '{0}'): InlineCode => ({ kind: 'ph', x, xml: `<ph x="${x}">${body}</ph>` });
const bpt = (i: string, x?: string): InlineCode => ({
  kind: 'bpt',
  i,
  ...(x ? { x } : {}),
  xml: `<bpt i="${i}">&lt;b&gt;</bpt>`,
});
const ept = (i: string): InlineCode => ({ kind: 'ept', i, xml: `<ept i="${i}">&lt;/b&gt;</ept>` });

describe('the placeable convention', () => {
  it('stores code k of a segment as the private-use character U+E000 + k, up to 6,400 codes', () => {
    expect(P(0)).toBe('\uE000');
    expect(P(41)).toBe('\uE029');
    expect(P(MAX_PLACEABLES - 1)).toBe('\uF8FF');
    expect(() => P(MAX_PLACEABLES)).toThrow(RangeError);
  });

  it('never counts a placeable as a word, nor lets it change the tokens of the text around it', () => {
    const text = `اضغط${P(0)}هنا${P(1)} لفتح 3${P(2)}4 file${P(3)}name`;
    const plain = 'اضغط هنا  لفتح 3 4 file name';
    expect(tokenize(text)).toEqual(tokenize(plain));
    expect(regexTokenize(text)).toEqual(tokenize(plain));
    expect(tokenize(`${P(0)}${P(1)}`)).toEqual([]);
  });

  it('builds a segment from text and codes, numbering codes in order of appearance', () => {
    const seg = new SegmentBuilder();
    seg.addText('Click ');
    seg.addCode(bpt('1'));
    seg.addText('here');
    seg.addCode(ept('1'));
    expect(seg.text).toBe(`Click ${P(0)}here${P(1)}`);
    expect(seg.codes.map((c) => c.kind)).toEqual(['bpt', 'ept']);
    expect(stripPlaceables(seg.text)).toBe('Click here');
  });

  it('writes a text for a client without placeables: runs left out, one space where one stood or words would join', () => {
    expect(withoutPlaceables(`Press ${P(0)}Save${P(1)} to save the file ${P(2)} now.`)).toBe(
      'Press Save to save the file now.',
    );
    expect(withoutPlaceables(`new${P(0)}line, ${P(1)}${P(2)}end${P(3)}.`)).toBe('new line, end.');
    expect(withoutPlaceables(`اضغط ${P(0)}حفظ${P(1)}`)).toBe('اضغط حفظ');
    expect(withoutPlaceables(`保存${P(0)}文件${P(1)}。`)).toBe('保存文件。');
    expect(withoutPlaceables('no codes at all')).toBe('no codes at all');
  });

  it('keeps a private-use character of the source text as a code of its own, so no placeable is ambiguous', () => {
    const seg = new SegmentBuilder();
    seg.addCode(ph('1'));
    seg.addText('icon \uE123 here');
    expect(seg.text).toBe(`${P(0)}icon ${P(1)} here`);
    expect(seg.codes[1]).toEqual({ kind: 'char', xml: '&#xE123;' });
    expect(segmentXml(seg.text, seg.codes)).toBe('<ph x="1">{0}</ph>icon &#xE123; here');
  });
});

describe('segmentXml', () => {
  it('escapes the text and writes each code back verbatim', () => {
    const codes = [bpt('1'), ept('1')];
    expect(segmentXml(`a < b & ${P(0)}c${P(1)}`, codes)).toBe(
      'a &lt; b &amp; <bpt i="1">&lt;b&gt;</bpt>c<ept i="1">&lt;/b&gt;</ept>',
    );
  });

  it('drops a placeable that has no code', () => {
    expect(segmentXml(`a${P(5)}b`, [])).toBe('ab');
  });

  it('keeps hi start and end tags balanced whatever an edit left of them', () => {
    const codes: InlineCode[] = [
      { kind: 'hi', xml: '<hi type="b">' },
      { kind: 'hi', close: true, xml: '</hi>' },
    ];
    expect(segmentXml(`${P(0)}bold${P(1)} text`, codes)).toBe('<hi type="b">bold</hi> text');
    expect(segmentXml(`${P(1)}bold${P(0)} text`, codes)).toBe('bold<hi type="b"> text</hi>');
    expect(segmentXml(`${P(0)}bold`, codes)).toBe('<hi type="b">bold</hi>');
  });
});

describe('matching codes across languages', () => {
  it('pairs codes by x first, bpt/ept by i next (an ept follows its bpt), then by order within a kind', () => {
    const ar = [bpt('1', '1'), ept('1'), ph('7'), ph('8'), { kind: 'it', xml: '<it pos="begin"/>' } as InlineCode];
    const en = [ph('8'), { kind: 'it', xml: '<it pos="begin"/>' } as InlineCode, bpt('4', '1'), ept('4'), ph('7')];
    expect(matchCodes(ar, en)).toEqual([2, 3, 4, 0, 1]);
  });

  it('leaves a code without counterpart unmatched', () => {
    expect(matchCodes([ph('1'), bpt('2')], [ph('1')])).toEqual([0, -1]);
  });

  it('renumbers a text onto another segment’s codes, dropping what has no counterpart', () => {
    const mapping = matchCodes([ph('1'), ph('2'), ph('3')], [ph('3'), ph('1')]);
    expect(remapPlaceables(`a${P(0)}b${P(1)}c${P(2)}`, mapping)).toBe(`a${P(1)}bc${P(0)}`);
  });
});

describe('the fast XML escapes', () => {
  it('give exactly what escapeText and escapeAttr give, for any text', () => {
    const tricky = fc.constantFrom(
      ...'a ع 中 < > & " \' \t \n \r \u0000 \u0001 \u000B \u001F \uD83D \uDE00 \uFFFE \uFFFF \uE000'.split(' '),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: tricky }), fc.string({ unit: 'binary' })), (text) => {
        expect(xmlText(text)).toBe(escapeText(text));
        expect(xmlAttr(text)).toBe(escapeAttr(text));
      }),
      { numRuns: 500 },
    );
  });
});
