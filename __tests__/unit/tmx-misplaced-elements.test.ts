/**
 * An element inside a code where the TMX 1.4b DTD does not allow it (`<bpt i="1">a<ph/>b</bpt>`, `<ph>a<hi>h</hi></ph>`,
 * a `sub` in a `sub`, a `<b>` a tool left unescaped in a code's native code) is kept as text where it stood, its
 * markup escaped: the unit keeps its text and codes, and every export of it validates — as imported, and as stored
 * by a version that kept such elements as they came (the export repairs them as it writes them).
 */
import { placeableChar as P, readTmxUnits, writeTmxUnits, type InlineCode, type TmxTu } from '../../src/formats';
import { validCodeBytes, validCodeXml } from '../../src/formats/inline-check';
import { repairCodes, writableCodes } from '../../src/formats/inline-repair';
import { dtdErrors, tmx, tu } from '../helpers/tmx';

const OPTIONS = { toolVersion: 'test', keepTags: true };

const read = async (xml: string) => readTmxUnits(Buffer.from(xml));
const codesOf = async (ar: string) => (await read(tmx(tu(ar, 'text')))).units[0]!.langs.ar!.codes;
const bytesValid = (xml: string) => validCodeBytes(Buffer.from(xml), 0, Buffer.byteLength(xml));

describe('reading an element a code holds where the DTD does not allow it', () => {
  it('keeps the unit, the element written as the code’s text, its markup escaped', async () => {
    const { units, counts } = await read(
      tmx(
        tu('<bpt i="1">a<ph/>b</bpt>عريض<ept i="1">&lt;/b&gt;</ept>', 'bold') +
          tu('نص<ph>a<hi x="1">h</hi></ph>', 'text') +
          tu('صورة<ph><sub>s<sub type="t">t</sub></sub></ph>', 'image'),
      ),
    );
    expect(counts.skipped.invalid).toBe(0);
    expect(units.map((u) => u.langs.ar!.codes[0]!)).toEqual([
      { kind: 'bpt', xml: '<bpt i="1">a&lt;ph/&gt;b</bpt>', i: '1' },
      { kind: 'ph', xml: '<ph>a&lt;hi x="1"&gt;h&lt;/hi&gt;</ph>' },
      { kind: 'ph', xml: '<ph><sub>s&lt;sub type="t"&gt;t&lt;/sub&gt;</sub></ph>' },
    ]);
    expect(units[0]!.langs.ar!.text).toBe(`${P(0)}عريض${P(1)}`);
  });

  it('keeps an element TMX does not know (native markup left unescaped) with every attribute, text escaped again', async () => {
    expect(await codesOf('رمز <bpt i="1">{<em class="x" id="7">1 &amp; 2</em>}</bpt>')).toEqual([
      { kind: 'bpt', xml: '<bpt i="1">{&lt;em class="x" id="7"&gt;1 &amp;amp; 2&lt;/em&gt;}</bpt>', i: '1' },
    ]);
  });

  it('writes the misplaced element whole, what it holds included, and repairs the codes left in place', async () => {
    expect(await codesOf('<ph>{<bpt x="2">[<sub>s</sub></bpt>}<sub><it>&lt;b&gt;</it></sub></ph>نص')).toEqual([
      {
        kind: 'ph',
        xml: '<ph>{&lt;bpt x="2"&gt;[&lt;sub&gt;s&lt;/sub&gt;&lt;/bpt&gt;}<sub><it pos="begin">&lt;b&gt;</it></sub></ph>',
      },
    ]);
  });

  it('leaves elements where the DTD allows them as they came', async () => {
    const xml = '<ph>{<sub type="a">x<hi x="1">y<ph>z<sub>w</sub></ph><hi>v</hi></hi></sub>}</ph>';
    expect((await codesOf(`${xml}نص`))[0]!.xml).toBe(xml);
    expect(validCodeXml(xml)).toBe(true);
    expect(bytesValid(xml)).toBe(true);
  });

  it('still skips a unit with such an element in its seg, whose text cannot be told from the markup', async () => {
    const { units, counts } = await read(tmx(tu('نص <b>عريض</b>', 'bold') + tu('<sub>x</sub>نص', 'text')));
    expect(units).toHaveLength(0);
    expect(counts.skipped.invalid).toBe(2);
  });
});

describe('an export of such units', () => {
  const file = tmx(
    tu(
      '<bpt i="1">a<ph/>b</bpt>عريض<ept i="1">&lt;/b&gt;</ept><ph>a<hi>h</hi></ph>',
      '<bpt i="1">a<ph/>b</bpt>bold<ept i="1">&lt;/b&gt;</ept><ph>a<hi>h</hi></ph>',
    ) + tu('<ph><sub>s<sub>t</sub></sub></ph>صورة <bpt>{<b>x</b>}</bpt>كبيرة<ept>}</ept>', '<ut><i>u</i></ut>image'),
  );

  it('was refused by the DTD as the file wrote it', () => {
    const errors = dtdErrors(file);
    expect(errors).toContain('Element ph is not declared in bpt list of possible children');
    expect(errors).toContain('Element hi is not declared in ph list of possible children');
    expect(errors).toContain('Element sub is not declared in sub list of possible children');
  });

  it('is DTD-valid and reads back as the same units, the export again the same bytes', async () => {
    const { units } = await read(file);
    expect(units).toHaveLength(2);
    const exported = writeTmxUnits(units, OPTIONS);
    expect(dtdErrors(exported)).toBe('');
    const again = (await read(exported)).units;
    expect(again).toEqual(units);
    expect(JSON.stringify(again.map((u) => u.langs))).toBe(JSON.stringify(units.map((u) => u.langs)));
    expect(writeTmxUnits(again, OPTIONS)).toBe(exported);
  });
});

/** Codes as an older mizan stored them: misplaced TMX elements kept as elements. */
const STORED: InlineCode[] = [
  { kind: 'bpt', i: '1', xml: '<bpt i="1">a<ph/>b</bpt>' },
  { kind: 'ept', i: '1', xml: '<ept i="1">&lt;/b&gt;</ept>' },
  { kind: 'ph', xml: '<ph>a<hi>h &amp; i</hi></ph>' },
  { kind: 'ph', xml: '<ph><sub>s<sub>t</sub><hi><sub>u</sub></hi></sub></ph>' },
  { kind: 'it', xml: '<it><ept>&lt;/b&gt;</ept></it>' },
];

describe('the export of codes stored with misplaced elements', () => {
  it('finds them with both forms of the check', () => {
    for (const code of STORED.filter((c) => c.kind !== 'ept' && c.kind !== 'bpt').concat(STORED[0]!)) {
      expect(validCodeXml(code.xml)).toBe(false);
      expect(bytesValid(code.xml)).toBe(false);
    }
    expect(validCodeXml(STORED[1]!.xml)).toBe(true);
  });

  it('writes them as the import now reads them, DTD-valid, and leaves the stored list as it was', async () => {
    const before = JSON.stringify(STORED);
    const written = writableCodes(STORED);
    expect(written.map((c) => c.xml)).toEqual([
      '<bpt i="1">a&lt;ph/&gt;b</bpt>',
      '<ept i="1">&lt;/b&gt;</ept>',
      '<ph>a&lt;hi&gt;h &amp;amp; i&lt;/hi&gt;</ph>',
      '<ph><sub>s&lt;sub&gt;t&lt;/sub&gt;<hi>&lt;sub&gt;u&lt;/sub&gt;</hi></sub></ph>',
      // The ept's own text escaped once more, as any text of a misplaced element; the it, untellable, a ph.
      '<ph>&lt;ept&gt;&amp;lt;/b&amp;gt;&lt;/ept&gt;</ph>',
    ]);
    expect(JSON.stringify(STORED)).toBe(before);
    const unit: TmxTu = {
      attrs: {},
      props: [],
      notes: [],
      apart: [],
      langs: {
        ar: { tag: 'ar', text: `${P(0)}نص${P(1)}${P(2)}${P(3)}${P(4)}`, codes: STORED },
        en: { tag: 'en', text: 'text', codes: [] },
      },
    };
    const exported = writeTmxUnits([unit], OPTIONS);
    expect(dtdErrors(exported)).toBe('');
    const again = (await read(exported)).units[0]!.langs.ar!.codes;
    expect(again).toEqual(written.map((c) => ({ ...c })));
  });

  it('repairs a list in place as the reader does, and leaves valid codes as the same objects', () => {
    const codes = [...STORED];
    repairCodes(codes);
    expect(codes[1]).toBe(STORED[1]);
    expect(codes.map((c) => c.xml)).toEqual(writableCodes(STORED).map((c) => c.xml));
  });
});
