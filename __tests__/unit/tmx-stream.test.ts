import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { placeableChar as P, readTmxUnits, stripPlaceables, TmxStreamReader, type TmxTu } from '../../src/formats';

const FIXTURES = path.resolve(__dirname, '../fixtures/tmx');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const HEADER =
  '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>';
const tmx = (tus: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">${HEADER}<body>${tus}</body></tmx>`;
const tu = (ar: string, en: string) =>
  `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;

describe('reading a trilingual TMX with inline codes', () => {
  let units: TmxTu[];
  beforeAll(async () => {
    ({ units } = await readTmxUnits(Readable.from([fixture('trilingual-inline.tmx')])));
  });

  it('yields one unit per tu with its Arabic, English and Chinese, whatever their region subtags', () => {
    expect(units).toHaveLength(3);
    expect(units.map((u) => Object.keys(u.langs))).toEqual([
      ['ar', 'en', 'zh'],
      ['ar', 'en', 'zh'],
      ['ar', 'zh'],
    ]);
    expect(units[0]!.langs.en!.tag).toBe('en-US');
    expect(units[2]!.langs.zh!.tag).toBe('zh_Hans_CN');
  });

  it('keeps each inline element as one placeable with the element beside the text', () => {
    const ar = units[0]!.langs.ar!;
    expect(ar.text).toBe(`اضغط ${P(0)}هنا${P(1)} لفتح ${P(2)}الملف${P(3)}`);
    expect(ar.codes).toEqual([
      { kind: 'bpt', i: '1', x: '1', xml: '<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>' },
      { kind: 'ept', i: '1', xml: '<ept i="1">&lt;/b&gt;</ept>' },
      { kind: 'ph', x: '2', xml: '<ph x="2" type="link">&lt;a href="/x?a=1&amp;b=2"&gt;</ph>' },
      { kind: 'ph', x: '3', xml: '<ph x="3"/>' },
    ]);
    expect(stripPlaceables(units[0]!.langs.en!.text)).toBe('Click here to open the file');
  });

  it('keeps the text of hi as text and its tags as two placeables; it, ut and sub stay inside their code', () => {
    const ar = units[1]!.langs.ar!;
    expect(ar.text).toBe(`النص ${P(0)}المهم ${P(1)}${P(2)} هنا ${P(3)}مائل${P(4)}`);
    expect(ar.codes.map((c) => [c.kind, c.xml])).toEqual([
      ['hi', '<hi type="emphasis">'],
      ['ph', '<ph x="1">{0}</ph>'],
      ['hi', '</hi>'],
      ['it', '<it pos="begin" x="2">&lt;i&gt;</it>'],
      ['ut', '<ut>{\\b}</ut>'],
    ]);
    expect(ar.codes[2]!.close).toBe(true);
    const code = units[2]!.langs.ar!.codes[0]!;
    expect(code.xml).toBe('<bpt i="1">{\\rtf<sub type="x">حاشية <ph>[1]</ph></sub>}</bpt>');
  });

  it('reads CDATA and character references as text, a carriage return included', () => {
    const ar = units[2]!.langs.ar!;
    expect(ar.text).toBe(`رمز ${P(0)}خاص${P(1)} ${P(2)} و<نص> & سطر\r\nثان`);
    expect(ar.codes[2]).toEqual({ kind: 'char', xml: '&#xE123;' });
  });

  it('keeps tuid, dates, ids, usage count, props and notes of the tu and of each tuv', () => {
    const [first] = units;
    expect(first!.tuid).toBe('t-1');
    expect(first!.attrs).toEqual({
      creationdate: '20240301T101500Z',
      creationid: 'amira',
      changedate: '20240302T080000Z',
      changeid: 'li',
      usagecount: '7',
      lastusagedate: '20240303T120000Z',
      datatype: 'html',
    });
    expect(first!.props).toEqual([
      ['x-client', 'Xinhua'],
      ['x-domain', 'diplomacy'],
    ]);
    expect(first!.notes).toEqual(['Checked by the editor']);
    expect(first!.langs.ar!.attrs).toEqual({ creationid: 'amira' });
    expect(first!.langs.ar!.props).toEqual([['x-origin', 'human']]);
    expect(first!.langs.en!.notes).toEqual(['US spelling']);
    expect(first!.document).toBeUndefined();
  });

  it('gives the header with its attributes, props and notes', async () => {
    const reader = new TmxStreamReader([fixture('trilingual-inline.tmx')]);
    expect(reader.header).toBeUndefined();
    for await (const _unit of reader) break;
    expect(reader.header).toEqual({
      version: '1.4',
      attrs: expect.objectContaining({ creationtool: 'OmegaT', srclang: 'ar-SA', adminlang: 'EN-US' }),
      props: [['x-project', 'press']],
      notes: ['Sample with inline codes and metadata'],
    });
  });
});

describe('reading bilingual and mixed files', () => {
  it('reads xml:lang or the old lang in any case and tuv order, with srclang *all*', async () => {
    const { units, counts, header } = await readTmxUnits(fixture('bilingual-ar-en.tmx'));
    expect(header.attrs['srclang']).toBe('*all*');
    expect(units.map((u) => [u.tuid, u.langs.ar!.text, u.langs.en!.text])).toEqual([
      ['1', 'صباح الخير', 'Good morning'],
      ['2', 'شكرا جزيلا', 'Thank you very much'],
      ['3', '  مرحبا بالعالم  ', 'Hello, world'],
      ['4', 'إلى اللقاء', 'Goodbye'],
    ]);
    expect(units[1]!.langs.en!.tag).toBe('EN_us');
    expect(counts).toEqual(expect.objectContaining({ tus: 4, units: 4 }));
  });

  it('reads UTF-16 and keeps Traditional Chinese apart, never as zh, also as the only Chinese of an Arabic-only unit', async () => {
    const { units, counts, encoding } = await readTmxUnits(fixture('bilingual-ar-zh.utf16le.tmx'));
    expect(encoding).toBe('utf-16le');
    expect(units.map((u) => [u.tuid, u.langs.zh?.text])).toEqual([
      ['z1', '早上好'],
      ['z2', '非常感谢'],
      ['z3', undefined],
      ['z4', '祝你愉快'],
    ]);
    expect(units[0]!.apart).toEqual([{ tag: 'zh-TW', text: '早安', codes: [], reason: 'traditional' }]);
    // A tu with Arabic and only Traditional Chinese: an Arabic-only unit, its Chinese kept apart (never dropped).
    expect(units[2]!.apart.map((v) => [v.tag, v.reason])).toEqual([[expect.stringMatching(/^zh/), 'traditional']]);
    expect(counts.skipped['no-target']).toBe(0);
    expect(counts.languages).toEqual({ ar: 4, zh: 3, 'zh-Hant': 2 });
  });

  it('counts and skips other languages, units without Arabic and empty Arabic; keeps a second variant apart', async () => {
    const { units, counts } = await readTmxUnits(fixture('other-languages.tmx'));
    expect(units).toHaveLength(1);
    expect(units[0]!.langs.en!.text).toBe('Yes');
    expect(units[0]!.apart.map((v) => [v.tag, v.reason])).toEqual([
      ['fr', 'unsupported'],
      ['en-GB', 'duplicate'],
    ]);
    expect(counts).toEqual({
      tus: 5,
      units: 1,
      skipped: { 'no-arabic': 2, 'no-target': 1, empty: 1, 'too-long': 0, invalid: 0 },
      languages: { fr: 3, de: 1, en: 4, zh: 1, ar: 2 },
    });
  });

  it("reads mizan's placement props into the unit's document, position, paragraph, confidence and review", async () => {
    const props =
      '<prop type="x-document">d1</prop><prop type="x-position">4</prop><prop type="x-paragraph">2</prop>' +
      '<prop type="x-confidence">0.5</prop><prop type="x-review">true</prop><prop type="x-position">x</prop>';
    const { units } = await readTmxUnits(tmx(tu('أ', 'a').replace('<tu>', `<tu>${props}`)));
    expect(units[0]).toEqual(
      expect.objectContaining({
        document: 'd1',
        position: 4,
        paragraph: 2,
        confidence: 0.5,
        review: true,
        props: [['x-position', 'x']],
      }),
    );
  });

  it('reads an empty hi as a start and an end placeable', async () => {
    const { units } = await readTmxUnits(tmx(tu('أ<hi x="1"/>ب', 'a')));
    const ar = units[0]!.langs.ar!;
    expect(ar.text).toBe(`أ${P(0)}${P(1)}ب`);
    expect(ar.codes).toEqual([
      { kind: 'hi', x: '1', xml: '<hi x="1">' },
      { kind: 'hi', close: true, xml: '</hi>' },
    ]);
  });

  it('takes the document from another prop when told which', async () => {
    const file = tmx(tu('أ', 'a').replace('<tu>', '<tu><prop type="x-File">report.docx</prop>'));
    const { units } = await readTmxUnits(file, { documentProp: 'x-File' });
    expect(units[0]!.document).toBe('report.docx');
    expect(units[0]!.props).toEqual([]);
  });

  it('skips a unit longer than the limit as too long, and goes on', async () => {
    const { units, counts } = await readTmxUnits(tmx(tu('أ'.repeat(500), 'a') + tu('ب', 'b')), { maxUnitChars: 100 });
    expect(units.map((u) => u.langs.ar!.text)).toEqual(['ب']);
    expect(counts.skipped['too-long']).toBe(1);
  });

  it('reads the same units whatever the chunking, down to one byte at a time', async () => {
    const bytes = fixture('trilingual-inline.tmx');
    const whole = await readTmxUnits([bytes]);
    const sliced = await readTmxUnits([...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1)));
    expect(sliced.units).toEqual(whole.units);
  });

  it('reads ahead no more than the chunk it is on, and releases the source when the consumer stops', async () => {
    let pulled = 0;
    let released = false;
    function* source() {
      try {
        yield Buffer.from(`<?xml version="1.0"?><tmx version="1.4">${HEADER}<body>`);
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.from(tu(`نص ${i}`, `text ${i}`));
        }
        yield Buffer.from('</body></tmx>');
      } finally {
        released = true;
      }
    }
    const reader = new TmxStreamReader(source());
    const seen: string[] = [];
    for await (const unit of reader) {
      seen.push(unit.langs.en!.text);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['text 0', 'text 1', 'text 2']);
    expect(pulled).toBeLessThan(20);
    expect(released).toBe(true);
  });

  it('releases the source when the file turns out malformed', async () => {
    let released = false;
    async function* source() {
      try {
        yield Buffer.from(`<tmx version="1.4">${HEADER}<body>`);
        yield Buffer.from('<tu></body>');
        yield Buffer.from('never read');
      } finally {
        released = true;
      }
    }
    await expect(readTmxUnits(source())).rejects.toEqual(expect.objectContaining({ code: 'XML_MALFORMED' }));
    expect(released).toBe(true);
  });
});
