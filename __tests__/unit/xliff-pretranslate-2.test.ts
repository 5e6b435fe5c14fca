import { MATCHES_NS, parseXliff, pretranslateXliffFile } from '../../src/formats';
import { P, fixture, lineDiff, memoryTm } from '../helpers/xliff-fixtures';

const zhTm = () =>
  memoryTm({
    'مرحبا بكم في الموقع': {
      zh: [
        { score: 100, targetText: '欢迎访问本网站', unitId: 'a' },
        { score: 85, targetText: '欢迎', sourceText: 'مرحبا بكم', unitId: 'b' },
      ],
    },
    [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: {
      zh: [{ score: 101, targetText: `${P(0)}外交部长${P(1)}访问开罗${P(2)}`, unitId: 'c' }],
    },
    'تم حفظ الملف': { zh: [{ score: 100, targetText: '已保存', unitId: 'd' }] },
    'أعلنت الصين عن خطة جديدة.': { zh: [{ score: 80, targetText: '中国宣布了新计划。', unitId: 'e' }] },
  });

const run = async (name: string, options = {}) => {
  const input = fixture(name);
  const { output, report } = await pretranslateXliffFile(input, zhTm(), { tgt: 'zh', ...options });
  return { input, output, report, doc: parseXliff(output) };
};

describe('pretranslating XLIFF 2.0 with the matches module', () => {
  it('sets segment states by band and inserts targets after their sources', async () => {
    const { doc, report } = await run('xliff/matches-2.0.xlf');
    expect(doc.segments.map((s) => [s.unitId, s.state ?? null, s.target?.text ?? null])).toEqual([
      ['u1', 'translated', '欢迎访问本网站'],
      ['u2', 'translated', `${P(0)}外交部长${P(1)}访问开罗${P(2)}`],
      ['u3', 'reviewed', '文件已保存'],
      ['u4', 'initial', '中国宣布了新计划。'],
      ['u4', null, null],
    ]);
    expect(report.totals).toEqual({
      filled: 3,
      confirmed: 1,
      'no-match': 1,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
  });

  it('writes the file’s own pc/ph codes (with their dataRefs) into the target', async () => {
    const { output } = await run('xliff/matches-2.0.xlf');
    expect(output).toContain(
      '<target><pc id="1" dataRefStart="d1" dataRefEnd="d2">外交部长</pc>访问开罗<ph id="2" dataRef="d3"/></target>',
    );
  });

  it('adds mizan matches after another tool’s in an existing mtc:matches, with similarity', async () => {
    const { output } = await run('xliff/matches-2.0.xlf');
    const u1 = output.slice(output.indexOf('<unit id="u1">'), output.indexOf('<notes>\n        <note>Greeting'));
    expect(u1.split('\n').map((l) => l.trim())).toEqual([
      '<unit id="u1">',
      '<mtc:matches>',
      '<mtc:match ref="#s1" similarity="72" type="tm" origin="other-tm"><source>مرحبا</source><target>欢迎</target></mtc:match>',
      '<mtc:match ref="#s1" type="tm" similarity="100" origin="mizan"><source>مرحبا بكم في الموقع</source><target>欢迎访问本网站</target></mtc:match>',
      '<mtc:match ref="#s1" type="tm" similarity="85" origin="mizan"><source>مرحبا بكم</source><target>欢迎</target></mtc:match>',
      '</mtc:matches>',
      '',
    ]);
  });

  it('creates mtc:matches as the unit’s first child; a 101 is an in-context match of similarity 100', async () => {
    const { output } = await run('xliff/matches-2.0.xlf');
    const u2 = output.slice(output.indexOf('<unit id="u2">'), output.indexOf('<unit id="u3">'));
    expect(u2).toMatch(/^<unit id="u2">\n {6}<mtc:matches>\n {8}<mtc:match ref="#s2" type="icm" similarity="100"/);
    // dataRef codes in a match need their data: the unit's originalData goes along.
    expect(u2).toContain(
      '<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData><source>',
    );
  });

  it('gives a segment without id one, so that its match can point at it', async () => {
    const { output, doc } = await run('xliff/matches-2.0.xlf');
    expect(output).toContain('<segment id="s1" state="initial">');
    expect(output).toContain('<mtc:match ref="#s1" type="tm" similarity="80" origin="mizan">');
    expect(doc.segments[3]!.segmentId).toBe('s1');
  });

  it('leaves every other line as it was', async () => {
    const { input, output } = await run('xliff/matches-2.0.xlf');
    const { removed, added } = lineDiff(input, output);
    expect(removed.map((l) => l.trim())).toEqual([
      '<segment id="s1">',
      '<segment id="s2" state="initial">',
      '<target></target>',
      '<segment>',
    ]);
    expect(added.every((l) => /<(target|segment|\/?mtc:match)/.test(l))).toBe(true);
  });

  it('replaces its own earlier matches on a second run instead of adding more', async () => {
    const first = await run('xliff/matches-2.0.xlf', { overwrite: true });
    const again = await pretranslateXliffFile(first.output, zhTm(), { tgt: 'zh', overwrite: true });
    expect(again.output).toBe(first.output);
    // overwrite reached the reviewed segment too
    expect(first.doc.segments[2]).toMatchObject({ unitId: 'u3', state: 'translated', target: { text: '已保存' } });
  });

  it('writes trgLang and prefixed elements into a 2.1 file that uses an xlf: prefix', async () => {
    const { output, doc } = await run('xliff/prefixed-2.1.xlf');
    expect(output).toContain(
      '<xlf:xliff xmlns:xlf="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar-SA" trgLang="zh">',
    );
    expect(output).toContain(`<mtc:matches xmlns:mtc="${MATCHES_NS}">`);
    expect(output).toContain('<xlf:source>مرحبا بكم</xlf:source><xlf:target>欢迎</xlf:target></mtc:match>');
    expect(doc.segments[0]).toMatchObject({ state: 'translated', target: { text: '欢迎访问本网站' } });
  });
});

describe('a 2.0 context match that lacks one of the file’s codes', () => {
  it('gets the code, goes in as initial and is offered at 99, not as an in-context match', async () => {
    const tm = memoryTm({
      [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: {
        zh: [{ score: 101, targetText: `${P(0)}外交部长${P(1)}访问开罗`, unitId: 'c' }],
      },
    });
    const { output, report } = await pretranslateXliffFile(fixture('xliff/matches-2.0.xlf'), tm, { tgt: 'zh' });
    expect(output).toContain(
      '<segment id="s2" state="initial">\n        <source>وزير <pc id="1" dataRefStart="d1" dataRefEnd="d2">الخارجية</pc>' +
        ' يزور القاهرة<ph id="2" dataRef="d3"/></source>\n        <target><pc id="1" dataRefStart="d1" dataRefEnd="d2">' +
        '外交部长</pc>访问开罗<ph id="2" dataRef="d3"/></target>',
    );
    expect(output).toContain('<mtc:match ref="#s2" type="tm" similarity="99" origin="mizan">');
    expect(report.segments.find((s) => s.unitId === 'u2')).toMatchObject({
      status: 'placeables',
      score: 99,
      tmScore: 101,
      band: '95-99',
      repaired: { codes: [2], printf: [] },
    });
    expect(parseXliff(output).segments.find((s) => s.unitId === 'u2')!.state).toBe('initial');
  });
});
