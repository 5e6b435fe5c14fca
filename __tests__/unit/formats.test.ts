import fs from 'node:fs';
import path from 'node:path';
import { readTmx, readTsv, tmxToDocuments, writeTmx, writeTsv, type TsvRow } from '../../src/formats';
import { readManifest, readSeedDocument } from '../../src/service';
import type { AlignedDocument } from '../../src/types';

const TM_DIR = path.resolve(__dirname, '../../tm');
const seed = (): AlignedDocument => readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!);

const tiny = (segments: AlignedDocument['segments']): AlignedDocument => ({
  meta: { id: 'doc-1', titles: { ar: 'عنوان', en: 'Title', zh: '标题' }, source: 'Test', date: '2024-01-02', order: 3 },
  segments,
});

describe('the seed TMX', () => {
  it('holds 17 rows in 13 paragraphs, each with Arabic, English and Chinese', () => {
    const doc = seed();
    expect(doc.segments).toHaveLength(17);
    expect(new Set(doc.segments.map((s) => s.paragraph)).size).toBe(13);
    expect(doc.segments.map((s) => s.position)).toEqual([...Array(17).keys()]);
    for (const s of doc.segments) {
      expect(s.ar.length).toBeGreaterThan(0);
      expect(s.en.length).toBeGreaterThan(0);
      expect(s.zh.length).toBeGreaterThan(0);
    }
  });

  it('keeps the established forms of names in every language', () => {
    const text = (lang: 'en' | 'zh') =>
      seed()
        .segments.map((s) => s[lang])
        .join(' ');
    for (const name of [
      'Qin Gang',
      "Xi'an",
      'Shaanxi',
      'Aktobe',
      'Murat Nurtleu',
      'Kulubaev',
      'Sirojiddin Muhriddin',
      'Bakhtiyor Saidov',
      'Vepa Hajiyev',
      'Luban Workshop',
      '"three evil forces"',
      'Belt and Road Initiative',
    ]) {
      expect(text('en')).toContain(name);
    }
    for (const name of ['秦刚', '西安', '陕西', '阿克托别', '鲁班工坊', '“三股势力”', '“一带一路”倡议']) {
      expect(text('zh')).toContain(name);
    }
  });

  it('writes and reads back to the same document', () => {
    const doc = seed();
    const written = writeTmx([doc], { toolVersion: 'test', unit: (id, pos) => ({ tuid: `${id}#${pos}` }) });
    const [back] = tmxToDocuments(readTmx(written));
    expect(back).toEqual(doc);
    expect(readTmx(written).units[3]!.tuid).toBe(`${doc.meta.id}#3`);
  });

  it('reads the committed file byte-for-byte as the writer would write it', () => {
    const file = fs.readFileSync(path.join(TM_DIR, 'ace54e57cd73f9de.tmx'), 'utf8');
    expect(writeTmx([seed()], { toolVersion: '0.1.0', documentProps: false })).toBe(file);
  });
});

describe('TMX writing', () => {
  it('escapes markup characters and replaces characters XML cannot carry', () => {
    const doc = tiny([{ position: 0, paragraph: 0, ar: 'أ < ب & ج > د', en: 'a "quoted" <b>', zh: 'bad\u0001char' }]);
    const xml = writeTmx([doc], { toolVersion: '1' });
    expect(xml).toContain('<seg>أ &lt; ب &amp; ج &gt; د</seg>');
    const [back] = tmxToDocuments(readTmx(xml));
    expect(back!.segments[0]).toEqual({
      position: 0,
      paragraph: 0,
      ar: 'أ < ب & ج > د',
      en: 'a "quoted" <b>',
      zh: 'bad\uFFFDchar',
    });
    expect(back!.meta).toEqual(doc.meta);
  });

  it("carries a row's alignment confidence and review flag when it is below full confidence or flagged", () => {
    const doc = tiny([
      { position: 0, paragraph: 0, ar: 'نص أول', en: 'first', zh: '第一', confidence: 1, review: false },
      { position: 1, paragraph: 0, ar: 'نص ثان', en: 'second', zh: '', confidence: 0.42, review: true },
    ]);
    const xml = writeTmx([doc], { toolVersion: '1' });
    expect(xml.match(/x-confidence/g)).toHaveLength(1);
    const [back] = tmxToDocuments(readTmx(xml));
    expect(back!.segments.map((s) => [s.confidence, s.review])).toEqual([
      [undefined, undefined],
      [0.42, true],
    ]);
  });

  it('keeps carriage returns and tabs inside a segment through a write and a read', () => {
    const xml = writeTmx([tiny([{ position: 0, paragraph: 0, ar: 'سطر\r\nثان', en: 'a\tb', zh: '' }])], {
      toolVersion: '1',
    });
    const [back] = tmxToDocuments(readTmx(xml));
    expect([back!.segments[0]!.ar, back!.segments[0]!.en]).toEqual(['سطر\r\nثان', 'a\tb']);
  });

  it('leaves out the tuv of a language without text', () => {
    const xml = writeTmx([tiny([{ position: 0, paragraph: 0, ar: 'نص', en: 'text', zh: '' }])], { toolVersion: '1' });
    expect(xml).not.toContain('xml:lang="zh"');
  });
});

describe('TMX reading', () => {
  const body = (
    tus: string,
    header = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>',
  ) => `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">${header}<body>${tus}</body></tmx>`;
  const tu = (pos: number, ar: string, extra = '') =>
    `<tu><prop type="x-document">d</prop><prop type="x-position">${pos}</prop>${extra}<tuv xml:lang="ar-SA"><seg>${ar}</seg></tuv><tuv lang="ZH-cn"><seg>中${pos}</seg></tuv></tu>`;

  it('puts rows in document order whatever their order in the file', () => {
    const [doc] = tmxToDocuments(readTmx(body(tu(2, 'ج') + tu(0, 'أ') + tu(1, 'ب'))));
    expect(doc!.segments.map((s) => [s.position, s.ar, s.zh])).toEqual([
      [0, 'أ', '中0'],
      [1, 'ب', '中1'],
      [2, 'ج', '中2'],
    ]);
  });

  it('rejects a document whose positions have a gap', () => {
    expect(() => tmxToDocuments(readTmx(body(tu(0, 'أ') + tu(2, 'ج'))))).toThrow(
      expect.objectContaining({ code: 'TMX_INVALID' }),
    );
  });

  it('reads UTF-8 with a BOM and UTF-16 with a BOM', () => {
    const xml = body(tu(0, 'عربي'));
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    expect(readTmx(utf8).units[0]!.variants[0]!.text).toBe('عربي');
    expect(readTmx(utf16).units[0]!.variants[0]!.text).toBe('عربي');
  });

  it('drops inline native codes but keeps highlighted text', () => {
    const file = readTmx(
      body(tu(0, 'اضغط <bpt i="1">&lt;b&gt;</bpt>هنا<ept i="1">&lt;/b&gt;</ept> <hi>الآن</hi><ph>{0}</ph>')),
    );
    expect(file.units[0]!.variants[0]!.text).toBe('اضغط هنا الآن');
  });

  it('reports malformed XML as TMX_INVALID with a line number', () => {
    const broken =
      '<?xml version="1.0"?>\n<tmx version="1.4">\n<header/>\n<body><tu><tuv xml:lang="ar"><seg>x</tuv></tu></body></tmx>';
    expect(() => readTmx(broken)).toThrow(
      expect.objectContaining({ code: 'TMX_INVALID', params: expect.objectContaining({ line: 4 }) }),
    );
  });

  it('refuses entity declarations instead of expanding them', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>&b;</seg></tuv></tu></body></tmx>';
    expect(() => readTmx(bomb)).toThrow(expect.objectContaining({ code: 'TMX_INVALID' }));
  });

  it('rejects a file that is not TMX', () => {
    expect(() => readTmx('<html><body/></html>')).toThrow(expect.objectContaining({ code: 'TMX_INVALID' }));
    expect(() => readTmx('<tmx version="1.4"><body/></tmx>')).toThrow(/no <header>/);
  });
});

describe('TSV', () => {
  it('round-trips text with tabs, newlines and backslashes, one line per row', () => {
    const rows = [{ position: 0, paragraph: 0, unitId: 'u1', ar: 'سطر\tمع\nفاصل', en: 'back\\slash', zh: '换行\r\n' }];
    const tsv = writeTsv(rows);
    expect(tsv.trim().split('\n')).toHaveLength(2);
    expect(readTsv(tsv)).toEqual(rows);
  });

  it('defuses cells a spreadsheet would run as formulas with a leading quote, and reads them back as they were', () => {
    const texts = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', "'quoted", '\tafter a tab', 'plain'];
    const rows = texts.map((ar, i) => ({ position: i, paragraph: 0, unitId: `u${i}`, ar, en: '', zh: '' }));
    const cells = writeTsv(rows)
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[3]);
    expect(cells).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "''quoted",
      '\\tafter a tab',
      'plain',
    ]);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(readTsv(writeTsv(rows))).toEqual(rows);
  });

  it('writes confidence, review reasons and the reviewed time after the texts, and reads them back', () => {
    const base = { paragraph: 0, ar: 'نص', en: 'text', zh: '文本' };
    const rows: TsvRow[] = [
      { ...base, position: 0, unitId: 'u0' },
      {
        ...base,
        position: 1,
        unitId: 'u1',
        confidence: 0.42,
        review: true,
        reasons: ['counts' as const, 'neighbour' as const],
      },
      { ...base, position: 2, unitId: 'u2', confidence: 0.8, review: true },
      {
        ...base,
        position: 3,
        unitId: 'u3',
        confidence: 0.3,
        reasons: ['confidence' as const],
        reviewed: '2026-12-05T03:00:00.000Z',
      },
    ];
    const lines = writeTsv(rows).trim().split('\n');
    expect(lines[0]).toBe('position\tparagraph\tunit_id\tar\ten\tzh\tconfidence\treview\treviewed');
    expect(lines.slice(1).map((line) => line.split('\t').slice(6))).toEqual([
      ['1', '', ''],
      ['0.42', 'counts,neighbour', ''],
      ['0.8', 'flagged', ''],
      ['0.3', '', '2026-12-05T03:00:00.000Z'],
    ]);
    // A reviewed row's reasons are not written (it is no longer up for review).
    const { reasons: _reasons, ...reviewed } = rows[3]!;
    expect(readTsv(writeTsv(rows))).toEqual([...rows.slice(0, 3), reviewed]);
  });

  it('still reads a file of the six text columns alone', () => {
    const tsv = 'position\tparagraph\tunit_id\tar\ten\tzh\n0\t0\tu1\tنص\ttext\t文本\n';
    expect(readTsv(tsv)).toEqual([{ position: 0, paragraph: 0, unitId: 'u1', ar: 'نص', en: 'text', zh: '文本' }]);
    expect(() => readTsv('position\tparagraph\tunit_id\tar\ten\tzh\n0\t0\tu1\tنص\n')).toThrow(
      /2: 4 columns, expected 6/,
    );
  });
});
