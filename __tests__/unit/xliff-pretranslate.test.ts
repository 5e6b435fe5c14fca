import { parseXliff, pretranslateXliff, pretranslateXliffFile } from '../../src/formats';
import { P, fixture, lineDiff, memoryTm } from '../helpers/xliff-fixtures';

const arEnTm = () =>
  memoryTm({
    'مرحبا بكم في الموقع': {
      en: [
        { score: 80, targetText: 'Welcome', sourceText: 'مرحبا', unitId: 'u2' },
        { score: 100, targetText: 'Welcome to the site', unitId: 'u1' },
      ],
    },
    'أعلنت الصين عن خطة جديدة للتنمية': { en: [{ score: 88, targetText: 'China announced a new plan', unitId: 'u3' }] },
    'وزير الخارجية يزور القاهرة': { en: [{ score: 100, targetText: 'Foreign minister visits Cairo', unitId: 'u4' }] },
    'تم حفظ الملف': { en: [{ score: 100, targetText: 'The file was saved.', unitId: 'u5' }] },
    'لديك %d رسائل جديدة': { en: [{ score: 60, targetText: 'You have %d new messages', unitId: 'u6' }] },
  });

const run = async (name: string, tm = arEnTm(), options = {}) => {
  const input = fixture(name);
  const { output, report } = await pretranslateXliffFile(input, tm, { tgt: 'en', ...options });
  return { input, output, report, doc: parseXliff(output) };
};

describe('pretranslating a po2xliff file (XLIFF 1.x)', () => {
  it('changes only target lines and adds only targets and alt-trans: every other byte is kept', async () => {
    const { input, output } = await run('xliff/po2xliff-ar-en.xlf');
    const { removed, added } = lineDiff(input, output);
    expect(removed.map((l) => l.trim())).toEqual([
      '<target></target>',
      '<target></target>',
      // approved="no" on its unit and no state: a draft, the tool's to refill.
      '<target>The foreign minister visits Cairo</target>',
    ]);
    expect(added.map((l) => l.trim())).toEqual([
      '<target state="translated" state-qualifier="exact-match">Welcome to the site</target>',
      // In the namespace (and prefix) of its trans-unit, which the toolkit wrote in XLIFF 1.1.
      '<ns0:alt-trans match-quality="80" origin="mizan"><ns0:source>مرحبا</ns0:source><ns0:target>Welcome</ns0:target></ns0:alt-trans>',
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">China announced a new plan</target>',
      '<target state="translated" state-qualifier="exact-match">Foreign minister visits Cairo</target>',
    ]);
  });

  it('fills by band, leaves confirmed targets and reports every segment', async () => {
    const { doc, report } = await run('xliff/po2xliff-ar-en.xlf');
    const unit = (id: string) => doc.segments.find((s) => s.unitId === id)!;
    // approved="yes": confirmed, left as it was.
    expect(unit('6').target?.text).toBe('The file was saved');
    expect(unit('6').state).toBeUndefined();
    // Confirmed: units 6 and 9[0] (approved; Translate Toolkit wrote "None" as its target); no match: 7 (60 < 75), 8,
    // 9[1]. The PO header is not a segment.
    expect(report.totals).toEqual({
      filled: 3,
      confirmed: 2,
      'no-match': 3,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
    expect(report.segments.map((s) => s.unitId)).not.toContain('2');
    expect(report.segments.find((s) => s.unitId === '4')).toMatchObject({
      status: 'filled',
      score: 88,
      band: '85-94',
      matchUnitId: 'u3',
      placeables: { missing: [], extra: [], unbalanced: false },
    });
    expect(report.segments.find((s) => s.unitId === '7')).toMatchObject({ status: 'no-match' });
  });

  it('overwrites confirmed targets only when asked', async () => {
    const { doc, report } = await run('xliff/po2xliff-ar-en.xlf', arEnTm(), { overwrite: true });
    expect(doc.segments.find((s) => s.unitId === '6')).toMatchObject({
      state: 'translated',
      stateQualifier: 'exact-match',
      target: { text: 'The file was saved.' },
    });
    expect(report.segments.find((s) => s.unitId === '6')).toMatchObject({ status: 'filled' });
  });

  it('gives the same file when run again: its earlier suggestions are replaced, not repeated', async () => {
    const first = await run('xliff/po2xliff-ar-en.xlf');
    const again = await pretranslateXliffFile(first.output, arEnTm(), { tgt: 'en' });
    expect(again.output).toBe(first.output);
  });

  it('reads Arabic sources as Arabic when po2xliff declared en-US, and adds no target-language', async () => {
    const input = fixture('xliff/po2xliff.xlf');
    // The sources' script decides, and the report says what the file declared; ?src= says the same outright.
    const guessed = await pretranslateXliffFile(input, arEnTm(), { tgt: 'en' });
    expect(guessed.report).toMatchObject({ src: 'ar', declaredSrc: 'en-US', tgt: 'en' });
    const { output, report } = await pretranslateXliffFile(input, arEnTm(), { src: 'ar', tgt: 'en' });
    expect(report.declaredSrc).toBeUndefined();
    expect(guessed.output).toEqual(output);
    // Optional on a 1.2 file whatever its targets: the file element stays as written (only targets change).
    const { removed, added } = lineDiff(input, output);
    expect(output).toContain('  <file original="ar.po" source-language="en-US" datatype="plaintext">\n');
    expect(output).not.toContain('target-language');
    for (const line of [...removed, ...added]) expect(line.trim()).toMatch(/^<(target|alt-trans)\b/);
    expect(added.length).toBeGreaterThan(0);
  });

  it('refuses a target language the file contradicts, and a request without any', async () => {
    const zh = fixture('xliff/json2po-po2xliff-ar-zh.xlf');
    await expect(pretranslateXliffFile(zh, arEnTm(), { tgt: 'en' })).rejects.toMatchObject({
      code: 'XLIFF_LANGUAGE_MISMATCH',
      params: { attribute: 'target-language', value: 'zh-CN', expected: 'en' },
    });
    const noTarget = fixture('xliff/po2xliff.xlf');
    await expect(pretranslateXliffFile(noTarget, arEnTm(), { src: 'ar' })).rejects.toMatchObject({
      code: 'FIELD_MISSING',
      params: { param: 'tgt' },
    });
  });
});

const inlineTm = () =>
  memoryTm({
    [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: {
      en: [{ score: 100, targetText: `The ${P(0)}Foreign${P(1)} Minister visits Cairo${P(2)}`, unitId: 'a' }],
    },
    [`انقر ${P(0)}هنا${P(1)} للمتابعة`]: {
      en: [{ score: 92, targetText: `Click ${P(0)}here${P(1)} to continue`, unitId: 'b' }],
    },
    'تم حفظ الملف': { en: [{ score: 100, targetText: 'Saved', unitId: 'c' }] },
    'أعلنت الصين عن خطة جديدة.': { en: [{ score: 100, targetText: 'China announced a new plan.', unitId: 'd' }] },
    'وزير الخارجية يزور القاهرة.': {
      en: [
        { score: 90, targetText: 'The foreign minister visits Cairo.', unitId: 'e' },
        { score: 76, targetText: 'The minister visits Cairo.', unitId: 'f' },
      ],
    },
  });

describe('pretranslating XLIFF 1.2 with inline codes and seg-source', () => {
  it('writes the file’s own codes back into the target, placed where the TM target puts them', async () => {
    const { doc, output } = await run('xliff/inline-1.2.xlf', inlineTm());
    expect(output).toContain(
      `<source>وزير <g id="1" ctype="bold">الخارجية</g> يزور القاهرة<x id="2" ctype="lb"/></source>\n        <target state="translated" state-qualifier="exact-match">The <g id="1" ctype="bold">Foreign</g> Minister visits Cairo<x id="2" ctype="lb"/></target>\n`,
    );
    const t2 = doc.segments.find((s) => s.unitId === 't2')!;
    expect(t2).toMatchObject({ state: 'needs-review-translation', stateQualifier: 'fuzzy-match' });
    expect(output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">Click <bpt id="1">&lt;a href="/terms"&gt;</bpt>here<ept id="1">&lt;/a&gt;</ept> to continue</target>',
    );
    expect(output).toContain('<alt-trans origin="other-tm" match-quality="70"><target>Click here</target></alt-trans>');
    expect(doc.segments.find((s) => s.unitId === 't3')).toMatchObject({ target: { text: 'The file has been saved' } });
  });

  it('fills a seg-source unit segment by segment, with one state for the unit and alt-trans per mid', async () => {
    const { output, doc } = await run('xliff/inline-1.2.xlf', inlineTm());
    expect(output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">China announced a new plan.</mrk> <mrk mtype="seg" mid="2">The foreign minister visits Cairo.</mrk></target>',
    );
    expect(output).toContain(
      '<alt-trans match-quality="76" origin="mizan" mid="2"><target>The minister visits Cairo.</target></alt-trans>',
    );
    expect(doc.segments.filter((s) => s.unitId === 't5').map((s) => s.target?.text)).toEqual([
      'China announced a new plan.',
      'The foreign minister visits Cairo.',
    ]);
  });

  it('repairs a target whose codes cross, repeat or are unknown: every code of the source, well-formed, to review', async () => {
    const tm = memoryTm({
      [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: {
        en: [{ score: 100, targetText: `The ${P(1)}Foreign${P(0)} Minister ${P(7)}visits Cairo`, unitId: 'a' }],
      },
      [`انقر ${P(0)}هنا${P(1)} للمتابعة`]: {
        en: [{ score: 92, targetText: `Click ${P(0)}here to continue`, unitId: 'b' }],
      },
    });
    const { report, output, doc } = await run('xliff/inline-1.2.xlf', tm);
    // The crossed <g> pair comes back as an empty pair at the end, the unknown code 7 is left out, the <x/> appended.
    expect(output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">The Foreign Minister visits Cairo' +
        '<g id="1" ctype="bold"></g><x id="2" ctype="lb"/></target>',
    );
    // 1.2 bpt/ept are isolated codes: the missing ept is appended.
    expect(output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">Click <bpt id="1">&lt;a href="/terms"&gt;' +
        '</bpt>here to continue<ept id="1">&lt;/a&gt;</ept></target>',
    );
    expect(report.segments[0]).toMatchObject({
      status: 'placeables',
      score: 96,
      tmScore: 100,
      band: '95-99',
      placeables: { missing: [2], extra: [7], unbalanced: true },
      repaired: { codes: [0, 1, 2, 7], printf: [] },
    });
    expect(report.segments[1]).toMatchObject({ status: 'placeables', score: 91, repaired: { codes: [1] } });
    expect(report.totals).toMatchObject({ filled: 0, placeables: 2 });
    expect(doc.segments[0]!.target!.codes.map((c) => c.xml)).toEqual([
      '<g id="1" ctype="bold">',
      '</g>',
      '<x id="2" ctype="lb"/>',
    ]);
  });

  it('asks the TM with placeables and neighbours, never for confirmed segments', async () => {
    const tm = inlineTm();
    await run('xliff/inline-1.2.xlf', tm);
    expect(tm.calls.map((c) => c.text)).toEqual([
      `وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`,
      `انقر ${P(0)}هنا${P(1)} للمتابعة`,
      'أعلنت الصين عن خطة جديدة.',
      'وزير الخارجية يزور القاهرة.',
    ]);
    expect(tm.calls[0]!.context).toEqual({
      tgt: 'en',
      min: 75,
      limit: 4,
      prev: '',
      next: `انقر ${P(0)}هنا${P(1)} للمتابعة`,
    });
    expect(tm.calls[3]!.context).toMatchObject({ prev: 'أعلنت الصين عن خطة جديدة.', next: '' });
  });

  it('round-trips UTF-16 (both byte orders) and keeps a UTF-8 BOM and CRLF line ends', async () => {
    const text = fixture('xliff/inline-1.2.xlf');
    const plain = await pretranslateXliff(parseXliff(text), inlineTm(), { tgt: 'en' });
    const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const outLe = (await pretranslateXliffFile(le, inlineTm(), { tgt: 'en' })).output;
    expect([...outLe.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(outLe.subarray(2)).toString('utf16le')).toBe(plain.text);
    const be = new Uint8Array(Buffer.from(text, 'utf16le').swap16());
    const outBe = (await pretranslateXliffFile(be, inlineTm(), { tgt: 'en' })).output;
    expect(Buffer.from(outBe).swap16().toString('utf16le')).toBe(plain.text);

    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    const bytes = new TextEncoder().encode(crlf);
    const out = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      (await pretranslateXliffFile(bytes, inlineTm(), { tgt: 'en' })).output,
    );
    expect(out.startsWith('\uFEFF<?xml')).toBe(true);
    expect(out).not.toMatch(/[^\r]\n/);
    expect(out.replace(/\r\n/g, '\n').slice(1)).toBe(plain.text);
  });
});
