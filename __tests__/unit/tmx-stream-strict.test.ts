/**
 * What the TMX reader keeps of markup and attributes that TMX 1.4b does not declare, and in which order it keeps the
 * attributes it does: so that an export is DTD-valid and a re-import reads back the same bytes.
 */
import { placeableChar as P, readTmxUnits, writeTmxUnits } from '../../src/formats';
import { stagedFields } from '../../src/service/unit-fields';
import { dtdErrors } from '../helpers/tmx';

const HEADER =
  '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>';
const tmx = (tus: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">${HEADER}<body>${tus}</body></tmx>`;
const EXPORT = { toolVersion: 'test', keepTags: true, apart: true };

describe('attributes of tu and tuv', () => {
  it('are kept in the DTD order whatever the order of the file, so equal metadata stages equal bytes', async () => {
    const fileOrder = tmx(
      '<tu creationdate="20230427T101800Z" creationid="u" changedate="20230428T080000Z" usagecount="3">' +
        '<tuv xml:lang="ar" changeid="r" creationid="c"><seg>نص</seg></tuv><tuv xml:lang="en"><seg>text</seg></tuv></tu>',
    );
    const dtdOrder = tmx(
      '<tu usagecount="3" creationdate="20230427T101800Z" creationid="u" changedate="20230428T080000Z">' +
        '<tuv xml:lang="ar" creationid="c" changeid="r"><seg>نص</seg></tuv><tuv xml:lang="en"><seg>text</seg></tuv></tu>',
    );
    const [a] = (await readTmxUnits(fileOrder)).units;
    const [b] = (await readTmxUnits(dtdOrder)).units;
    expect(Object.keys(a!.attrs)).toEqual(['usagecount', 'creationdate', 'creationid', 'changedate']);
    expect(Object.keys(a!.langs.ar!.attrs!)).toEqual(['creationid', 'changeid']);
    expect(stagedFields(a!, 'all')).toEqual(stagedFields(b!, 'all'));
    expect(JSON.stringify(stagedFields(a!, 'all'))).toBe(JSON.stringify(stagedFields(b!, 'all')));
  });

  it('read back from their own export give the same staged fields (a re-import writes nothing)', async () => {
    const { units } = await readTmxUnits(
      tmx(
        '<tu changeid="r" lastusagedate="20230501T120000Z" usagecount="3" tuid="t1">' +
          '<tuv xml:lang="ar-SA"><seg>نص</seg></tuv><tuv xml:lang="en-US"><seg>text</seg></tuv></tu>',
      ),
    );
    const again = (await readTmxUnits(writeTmxUnits(units, EXPORT))).units;
    expect(JSON.stringify(stagedFields(again[0]!, 'all'))).toBe(JSON.stringify(stagedFields(units[0]!, 'all')));
  });
});

describe('attributes of inline codes', () => {
  const nonStandard = tmx(
    '<tu tuid="n2"><tuv xml:lang="ar"><seg>وسوم <ph x="1" pos="begin" foo="bar">{x}</ph> ' +
      '<bpt i="1" x="2" extra="1">[</bpt>داخلية<ept i="1" y="2">]</ept> <hi x="3" type="b" rend="bold">غريبة</hi> ' +
      '<it pos="end" q="1">)<sub type="t" lang="x">ح</sub></it></seg></tuv>' +
      '<tuv xml:lang="en"><seg>tags <ph x="1" pos="begin" foo="bar">{x}</ph> <bpt i="1" x="2" extra="1">[</bpt>inline' +
      '<ept i="1">]</ept> <hi x="3" type="b" rend="bold">odd</hi></seg></tuv></tu>',
  );

  it('are only those the DTD declares on each element, in the order of the file', async () => {
    const [unit] = (await readTmxUnits(nonStandard)).units;
    expect(unit!.langs.ar!.text).toBe(`وسوم ${P(0)} ${P(1)}داخلية${P(2)} ${P(3)}غريبة${P(4)} ${P(5)}`);
    expect(unit!.langs.ar!.codes.map((c) => c.xml)).toEqual([
      '<ph x="1">{x}</ph>',
      '<bpt i="1" x="2">[</bpt>',
      '<ept i="1">]</ept>',
      '<hi x="3" type="b">',
      '</hi>',
      '<it pos="end">)<sub type="t">ح</sub></it>',
    ]);
  });

  it('make an export that the TMX 1.4b DTD accepts', async () => {
    const { units } = await readTmxUnits(nonStandard);
    const xml = writeTmxUnits(units, EXPORT);
    expect(xml).not.toMatch(/foo=|extra=|rend=|pos="begin"/);
    expect(dtdErrors(xml)).toBe('');
  });
});

describe('a tu that breaks the DTD in a way that loses text', () => {
  it('is skipped and counted as invalid when a tuv holds two segs', async () => {
    const { units, counts } = await readTmxUnits(
      tmx(
        '<tu><tuv xml:lang="ar"><seg>نص أول</seg><seg>نص ثان</seg></tuv><tuv xml:lang="en"><seg>first</seg></tuv></tu>' +
          '<tu><tuv xml:lang="ar"><seg>نص سليم</seg></tuv><tuv xml:lang="en"><seg>valid</seg></tuv></tu>',
      ),
    );
    expect(units.map((u) => u.langs.en!.text)).toEqual(['valid']);
    expect(counts.skipped.invalid).toBe(1);
    expect(counts.tus).toBe(2);
  });

  it('is skipped and counted as invalid when a seg holds an element TMX does not allow there', async () => {
    const { units, counts } = await readTmxUnits(
      tmx(
        '<tu><tuv xml:lang="ar"><seg>نص <b>عريض</b> هنا</seg></tuv><tuv xml:lang="en"><seg>text <b>bold</b></seg></tuv></tu>' +
          '<tu><tuv xml:lang="ar"><seg>نص سليم</seg></tuv><tuv xml:lang="en"><seg>valid</seg></tuv></tu>',
      ),
    );
    expect(units.map((u) => u.langs.en!.text)).toEqual(['valid']);
    expect(counts.skipped).toMatchObject({ invalid: 1, 'no-target': 0, 'no-arabic': 0 });
  });

  it('is kept when the element is inside a code, whose native code it then is (its markup escaped)', async () => {
    const { units, counts } = await readTmxUnits(
      tmx(
        '<tu><tuv xml:lang="ar"><seg>رمز <bpt i="1">{<em>1</em>}</bpt></seg></tuv><tuv xml:lang="en"><seg>c</seg></tuv></tu>',
      ),
    );
    expect(counts.skipped.invalid).toBe(0);
    expect(units[0]!.langs.ar!.codes[0]!.xml).toBe('<bpt i="1">{&lt;em&gt;1&lt;/em&gt;}</bpt>');
  });
});
