/**
 * Which existing targets a pretranslation keeps: a target with text is someone's translation (1.2 and 2.x alike,
 * without `state` too); a target without text (whitespace, empty segment markers, empty inline elements) is none.
 */
import { parseXliff, pretranslateXliffFile } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const TITLE = {
  ar: 'وزير الخارجية الصيني يجري محادثات مع دبلوماسيين كبار',
  en: 'Chinese Foreign Minister Holds Talks with Senior Diplomats',
};
const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
};
const CENTERS = {
  ar: 'وستعمل الصين مع قيرغيزستان وطاجيكستان وتركمانستان في إنشاء مراكز ثقافية.',
  en: 'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to establish cultural centers.',
};
const BOLD = `وقد توصل ${P(0)}الجانبان${P(1)} إلى توافق واسع حول تعزيز التعاون العملي.`;

const tm = () =>
  memoryTm({
    [TITLE.ar]: { en: [{ score: 100, targetText: TITLE.en, unitId: 'title' }] },
    [CONSENSUS.ar]: { en: [{ score: 100, targetText: CONSENSUS.en, unitId: 'consensus' }] },
    [CENTERS.ar]: { en: [{ score: 100, targetText: CENTERS.en, unitId: 'centers' }] },
    [BOLD]: { en: [{ score: 100, targetText: `The ${P(0)}two sides${P(1)} reached broad consensus.`, unitId: 'b' }] },
  });

const xliff12 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="news.html" source-language="ar" target-language="en" datatype="x-text/html">
<body>
${units}
</body>
</file>
</xliff>
`;

/** An Okapi Rainbow unit: segmented source, and a target of empty segment markers (with the given state, if any). */
const okapi = (state: string) =>
  xliff12(`<trans-unit id="tu1" xml:space="preserve">
<source xml:lang="ar">${TITLE.ar}</source>
<seg-source><mrk mid="0" mtype="seg">${TITLE.ar}</mrk></seg-source>
<target xml:lang="en"${state}><mrk mid="0" mtype="seg"></mrk></target>
</trans-unit>
<trans-unit id="tu2" xml:space="preserve">
<source xml:lang="ar">${CONSENSUS.ar} ${CENTERS.ar}</source>
<seg-source><mrk mid="0" mtype="seg">${CONSENSUS.ar}</mrk> <mrk mid="1" mtype="seg">${CENTERS.ar}</mrk></seg-source>
<target xml:lang="en"${state}><mrk mid="0" mtype="seg"></mrk> <mrk mid="1" mtype="seg"></mrk></target>
</trans-unit>`);

describe('an XLIFF 1.2 target without text', () => {
  it('is filled per segment when it holds only empty Okapi segment markers and no state, as with state="new"', async () => {
    const stateless = await pretranslateXliffFile(okapi(''), tm(), { tgt: 'en' });
    const stateNew = await pretranslateXliffFile(okapi(' state="new"'), tm(), { tgt: 'en' });
    expect(stateless.report.totals).toEqual({
      filled: 3,
      confirmed: 0,
      'no-match': 0,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
    expect(stateless.output).toContain(
      `<target xml:lang="en" state="translated" state-qualifier="exact-match"><mrk mid="0" mtype="seg">${CONSENSUS.en}</mrk> <mrk mid="1" mtype="seg">${CENTERS.en}</mrk></target>`,
    );
    // Same file as the state="new" one gives: the state attribute is the only thing that differed.
    expect(stateless.output).toBe(stateNew.output);
  });

  it('keeps a segment a person translated and fills its empty neighbour, every other byte of the target kept', async () => {
    const input = okapi('').replace(
      '<target xml:lang="en"><mrk mid="0" mtype="seg"></mrk> <mrk mid="1" mtype="seg"></mrk></target>',
      '<target xml:lang="en"><mrk mid="0" mtype="seg">Both sides agreed.</mrk>\u00a0<mrk mid="1" mtype="seg"/></target>',
    );
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => [s.unitId, s.segmentId, s.status])).toEqual([
      ['tu1', '0', 'filled'],
      ['tu2', '0', 'confirmed'],
      ['tu2', '1', 'filled'],
    ]);
    expect(output).toContain(
      `<mrk mid="0" mtype="seg">Both sides agreed.</mrk>\u00a0<mrk mid="1" mtype="seg">${CENTERS.en}</mrk></target>`,
    );
  });

  it('is filled when it holds only whitespace or an empty <g>, and kept when its <g> holds text', async () => {
    const input = xliff12(
      [
        `<trans-unit id="1"><source>${CONSENSUS.ar}</source><target> </target></trans-unit>`,
        `<trans-unit id="2"><source>وقد توصل <g id="1">الجانبان</g> إلى توافق واسع حول تعزيز التعاون العملي.</source><target><g id="1"></g></target></trans-unit>`,
        `<trans-unit id="3"><source>${CENTERS.ar}</source><target>\n</target></trans-unit>`,
        `<trans-unit id="4"><source>${TITLE.ar}</source><target><g id="1">Talks</g></target></trans-unit>`,
      ].join('\n'),
    );
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => s.status)).toEqual(['filled', 'filled', 'filled', 'confirmed']);
    expect(output).toContain(
      '<target state="translated" state-qualifier="exact-match">The <g id="1">two sides</g> reached broad consensus.</target>',
    );
    expect(output).toContain('<target><g id="1">Talks</g></target>');
  });
});

const xliff2 = (segments: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u1">
${segments}
    </unit>
  </file>
</xliff>
`;

describe('an XLIFF 2.x target with text and no state', () => {
  const input = xliff2(
    [
      `      <segment id="s1"><source>${CONSENSUS.ar}</source><target>Both parties agreed (a person's translation).</target></segment>`,
      `      <segment id="s2" state="initial"><source>${CENTERS.ar}</source><target>An early draft.</target></segment>`,
      `      <segment id="s3"><source>${TITLE.ar}</source><target> </target></segment>`,
    ].join('\n'),
  );

  it('is kept, as in 1.2, while an explicit initial state with text and an empty target are filled', async () => {
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => s.status)).toEqual(['confirmed', 'filled', 'filled']);
    expect(output).toContain(
      `<segment id="s1"><source>${CONSENSUS.ar}</source><target>Both parties agreed (a person's translation).</target></segment>`,
    );
    expect(output).not.toContain('ref="#s1"');
    expect(parseXliff(output).segments.map((s) => s.target?.text)).toEqual([
      "Both parties agreed (a person's translation).",
      CENTERS.en,
      TITLE.en,
    ]);
  });

  it('is replaced with overwrite', async () => {
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en', overwrite: true });
    expect(report.totals).toMatchObject({ filled: 3, confirmed: 0 });
    expect(output).toContain(
      `<segment id="s1" state="translated"><source>${CONSENSUS.ar}</source><target>${CONSENSUS.en}</target>`,
    );
  });
});
