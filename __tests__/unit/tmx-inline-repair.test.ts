/**
 * Inline codes the TMX 1.4b DTD refuses as they came (a `bpt`/`ept` without `i`, an `it` without `pos`) are made
 * valid as they are read, so that the export, which writes each code back verbatim, is valid too.
 */
import { placeableChar as P, readTmxUnits, writeTmxUnits, type InlineCode, type TmxTu } from '../../src/formats';
import { itPosition, repairCodes } from '../../src/formats/inline-repair';
import { dtdErrors, tmx, tu } from '../helpers/tmx';

const OPTIONS = { toolVersion: 'test', keepTags: true, apart: true };

const read = async (xml: string): Promise<TmxTu[]> => (await readTmxUnits(Buffer.from(xml))).units;
const codesOf = async (ar: string, en = 'text') => (await read(tmx(tu(ar, en))))[0]!.langs.ar!.codes;

describe('reading bpt and ept without i', () => {
  it('pairs them as tags nest and numbers each pair with an i the segment does not use yet', async () => {
    const codes = await codesOf(
      '<bpt i="1">&lt;u&gt;</bpt>أ<ept i="1">&lt;/u&gt;</ept> <bpt x="3" type="bold">&lt;b&gt;</bpt>' +
        '<bpt>&lt;i&gt;</bpt>ب<ept>&lt;/i&gt;</ept><ept>&lt;/b&gt;</ept>',
    );
    expect(codes.slice(2)).toEqual([
      { kind: 'bpt', xml: '<bpt i="3" x="3" type="bold">&lt;b&gt;</bpt>', i: '3', x: '3' },
      { kind: 'bpt', xml: '<bpt i="2">&lt;i&gt;</bpt>', i: '2' },
      { kind: 'ept', xml: '<ept i="2">&lt;/i&gt;</ept>', i: '2' },
      { kind: 'ept', xml: '<ept i="3">&lt;/b&gt;</ept>', i: '3' },
    ]);
  });

  it('takes an ept with no bpt open as an isolated end and a bpt never closed as an isolated beginning', async () => {
    const units = await read(tmx(tu('<ept>&lt;/b&gt;</ept>نص <bpt x="1" type="link">&lt;a href="x"&gt;</bpt>', 'a')));
    const ar = units[0]!.langs.ar!;
    expect(ar.text).toBe(`${P(0)}نص ${P(1)}`);
    expect(ar.codes).toEqual([
      { kind: 'it', xml: '<it pos="end">&lt;/b&gt;</it>' },
      { kind: 'it', xml: '<it pos="begin" x="1" type="link">&lt;a href="x"&gt;</it>', x: '1' },
    ]);
  });

  it('leaves codes that have their i as they came, unpaired ones included', async () => {
    const codes = await codesOf('<bpt i="7">&lt;b&gt;</bpt>نص<ept i="9">&lt;/b&gt;</ept>');
    expect(codes.map((c) => c.xml)).toEqual(['<bpt i="7">&lt;b&gt;</bpt>', '<ept i="9">&lt;/b&gt;</ept>']);
  });
});

describe('reading it without pos', () => {
  it('gives it begin for an opening tag and end for a closing one, keeping x, type and its native code', async () => {
    const codes = await codesOf('<it x="2" type="italic">&lt;i class="x"&gt;</it>نص<it>&lt;/i&gt;</it>');
    expect(codes).toEqual([
      { kind: 'it', xml: '<it pos="begin" x="2" type="italic">&lt;i class="x"&gt;</it>', x: '2' },
      { kind: 'it', xml: '<it pos="end">&lt;/i&gt;</it>' },
    ]);
  });

  it('replaces a pos the DTD does not allow, and writes a code that cannot be told as a ph', async () => {
    const codes = await codesOf('<it pos="middle">&lt;/b&gt;</it>نص<it x="4" type="x-rtf">{\\b}</it><it/>');
    expect(codes).toEqual([
      { kind: 'it', xml: '<it pos="end">&lt;/b&gt;</it>' },
      { kind: 'ph', xml: '<ph x="4" type="x-rtf">{\\b}</ph>', x: '4' },
      { kind: 'ph', xml: '<ph/>' },
    ]);
  });

  it('tells the position from the native code alone, a sub’s tags and escapes aside', () => {
    expect(itPosition('&lt;b&gt;')).toBe('begin');
    expect(itPosition(' &lt;/b &gt; ')).toBe('end');
    expect(itPosition('&lt;a href="<sub>x</sub>"&gt;')).toBe('begin');
    expect(itPosition('&lt;br/&gt;')).toBeUndefined();
    expect(itPosition('&#60;b&#x3E;')).toBe('begin');
    expect(itPosition('}')).toBeUndefined();
  });
});

describe('an export of codes read without i or pos', () => {
  const file = tmx(
    tu(
      '<bpt>&lt;b&gt;</bpt>عريض<ept>&lt;/b&gt;</ept> <it>&lt;i&gt;</it>مائل',
      '<bpt>&lt;b&gt;</bpt>bold<ept/> <it/>x',
    ) + tu('<ept>&lt;/a&gt;</ept>نص آخر<bpt type="x">{</bpt>', '<it pos="x">&lt;/a&gt;</it>more'),
  );

  it('is DTD-valid and reads back as the same units, codes byte for byte', async () => {
    const units = await read(file);
    expect(units).toHaveLength(2);
    const exported = writeTmxUnits(units, OPTIONS);
    expect(dtdErrors(exported)).toBe('');
    const again = await read(exported);
    expect(again).toEqual(units);
    expect(JSON.stringify(again.map((u) => u.langs))).toBe(JSON.stringify(units.map((u) => u.langs)));
    expect(writeTmxUnits(again, OPTIONS)).toBe(exported);
  });

  it('was refused by the DTD as the file wrote it', () => {
    const errors = dtdErrors(file);
    expect(errors).toContain('Element bpt does not carry attribute i');
    expect(errors).toContain('Element ept does not carry attribute i');
    expect(errors).toContain('Element it does not carry attribute pos');
  });
});

describe('reading codes inside a sub', () => {
  it('repairs them by the same rules, each sub on its own: pairs, isolated ends, it given its pos or made a ph', async () => {
    const codes = await codesOf(
      '<bpt i="1">&lt;a title="<sub>قل <bpt>&lt;b&gt;</bpt>نعم<ept>&lt;/b&gt;</ept> <bpt x="2">&lt;i&gt;</bpt></sub>"' +
        ' alt="<sub><ept>&lt;/i&gt;</ept><it>&lt;u&gt;</it><it>{x}</it></sub>"&gt;</bpt>نص<ept i="1">&lt;/a&gt;</ept>',
    );
    expect(codes[0]).toEqual({
      kind: 'bpt',
      i: '1',
      xml:
        '<bpt i="1">&lt;a title="<sub>قل <bpt i="2">&lt;b&gt;</bpt>نعم<ept i="2">&lt;/b&gt;</ept> ' +
        '<it pos="begin" x="2">&lt;i&gt;</it></sub>" alt="<sub><it pos="end">&lt;/i&gt;</it>' +
        '<it pos="begin">&lt;u&gt;</it><ph>{x}</ph></sub>"&gt;</bpt>',
    });
    expect(codes[1]).toEqual({ kind: 'ept', i: '1', xml: '<ept i="1">&lt;/a&gt;</ept>' });
  });

  it('numbers a sub’s pairs with i the segment does not use, after its own codes’ pairs, in any nesting', async () => {
    const codes = await codesOf(
      '<ph>{<sub><bpt>[</bpt>x<ept>]</ept><hi><bpt>(</bpt>y<ept>)</ept></hi></sub>}</ph><bpt>&lt;b&gt;</bpt>نص' +
        '<ept>&lt;/b&gt;</ept><bpt i="3">&lt;u&gt;</bpt>' +
        '<ept i="3">&lt;/u&gt;<sub><it>&lt;q title="<sub><bpt>[s]</bpt><ept>[/s]</ept></sub>"&gt;</it></sub></ept>',
    );
    expect(codes.map((c) => c.xml)).toEqual([
      '<ph>{<sub><bpt i="2">[</bpt>x<ept i="2">]</ept><hi><bpt i="4">(</bpt>y<ept i="4">)</ept></hi></sub>}</ph>',
      '<bpt i="1">&lt;b&gt;</bpt>',
      '<ept i="1">&lt;/b&gt;</ept>',
      '<bpt i="3">&lt;u&gt;</bpt>',
      '<ept i="3">&lt;/u&gt;<sub><it pos="begin">&lt;q title="<sub><bpt i="5">[s]</bpt><ept i="5">[/s]</ept>' +
        '</sub>"&gt;</it></sub></ept>',
    ]);
  });

  it('leaves a sub whose codes are valid as it came', async () => {
    const xml = '<bpt i="1">{<sub type="t"><bpt i="1">[</bpt>x<ept i="1">]</ept><it pos="end">)</it></sub>}</bpt>';
    expect((await codesOf(`${xml}نص<ept i="1">}</ept>`))[0]!.xml).toBe(xml);
  });

  it('exports TMX the DTD accepts, which reads back as the same units', async () => {
    const file = tmx(
      tu(
        '<ph>&lt;img alt="<sub>صورة <bpt>&lt;b&gt;</bpt>كبيرة</sub>"&gt;</ph> نص',
        '<ph>&lt;img alt="<sub><it>&lt;/b&gt;</it>big <ept>&lt;/b&gt;</ept></sub>"&gt;</ph> text',
      ),
    );
    expect(dtdErrors(file)).not.toBe('');
    const units = await read(file);
    const exported = writeTmxUnits(units, OPTIONS);
    expect(dtdErrors(exported)).toBe('');
    expect(await read(exported)).toEqual(units);
  });
});

describe('reading a ph with an i the DTD does not declare on it', () => {
  it('drops the i from the code as from its xml, so that a re-read gives the same code', async () => {
    expect(await codesOf('<ph i="1" x="2">{0}</ph>نص')).toEqual([{ kind: 'ph', xml: '<ph x="2">{0}</ph>', x: '2' }]);
  });
});

describe('repairCodes', () => {
  it('leaves valid codes untouched, as the same objects', () => {
    const codes: InlineCode[] = [
      { kind: 'bpt', i: '1', xml: '<bpt i="1">a</bpt>' },
      { kind: 'it', xml: '<it x="1" pos="end">b</it>', x: '1' },
    ];
    const before = [...codes];
    repairCodes(codes);
    expect(codes[0]).toBe(before[0]);
    expect(codes[1]).toBe(before[1]);
  });
});
