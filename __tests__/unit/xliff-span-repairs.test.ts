/**
 * Where codes the TM's target lacks go, and what a target keeps of its source besides codes: a span whose both ends
 * are missing is an empty span at the end (wrapped around the whole target only when it wraps the whole source:
 * i18next-wrapping-pairs.test.ts), an `<it pos="open">` goes first,
 * a protected span keeps its source text, and `xml:space="preserve"` keeps the source's outer whitespace.
 */
import { parseXliff, pretranslateXliffFile } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
};
const PLANS = {
  ar: 'وستضع الصين وتركمانستان خططا قوية لتنظيم أنشطة ثقافية سنوية.',
  en: 'China and Turkmenistan will draw up robust plans for annual cultural events.',
};

const xliff12 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="ar" target-language="en" datatype="html">
    <body>
${units}
    </body>
  </file>
</xliff>
`;
const targetOf = (output: string, id: string) =>
  new RegExp(`<trans-unit id="${id}"[^>]*>\\s*<source>[\\s\\S]*?</source>\\s*(<target[\\s\\S]*?</target>)`).exec(
    output,
  )?.[1];
const REVIEW = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';

describe('a 1.2 span the TM’s target lacks', () => {
  it('is an empty <bpt>/<ept> pair at the end when both halves are missing, as a <g> is', async () => {
    const source = `وقد توصل ${P(0)}الجانبان${P(1)} إلى توافق واسع حول تعزيز التعاون العملي.`;
    const tm = memoryTm({ [source]: { en: [{ score: 97, targetText: CONSENSUS.en, unitId: 'c' }] } });
    const input = xliff12(
      `      <trans-unit id="13"><source>وقد توصل <bpt id="1" ctype="bold">&lt;b&gt;</bpt>الجانبان<ept id="1">&lt;/b&gt;</ept> إلى توافق واسع حول تعزيز التعاون العملي.</source></trans-unit>`,
    );
    const { output, report } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(targetOf(output, '13')).toBe(
      `${REVIEW}${CONSENSUS.en}<bpt id="1" ctype="bold">&lt;b&gt;</bpt><ept id="1">&lt;/b&gt;</ept></target>`,
    );
    expect(report.segments[0]).toMatchObject({ score: 95, repaired: { codes: [0, 1] } });
  });

  it('starts the target with a missing <it pos="open">, like the other span starts', async () => {
    const source = `${P(0)}${CONSENSUS.ar}`;
    const tm = memoryTm({ [source]: { en: [{ score: 99, targetText: CONSENSUS.en, unitId: 'c' }] } });
    const input = xliff12(
      `      <trans-unit id="it"><source><it id="1" pos="open">&lt;b&gt;</it>${CONSENSUS.ar}</source></trans-unit>`,
    );
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(targetOf(output, 'it')).toBe(`${REVIEW}<it id="1" pos="open">&lt;b&gt;</it>${CONSENSUS.en}</target>`);
  });
});

describe('a protected span the TM’s target lacks', () => {
  it('2.x: goes in with the source’s text, which is not to be translated', async () => {
    const source = `وستضع الصين وتركمانستان خططا قوية لتنظيم أنشطة ${P(0)}ثقافية${P(1)} سنوية.`;
    const tm = memoryTm({ [source]: { en: [{ score: 98, targetText: PLANS.en, unitId: 'p' }] } });
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u7"><segment id="s9"><source>وستضع الصين وتركمانستان خططا قوية لتنظيم أنشطة <mrk id="m1" translate="no">ثقافية</mrk> سنوية.</source></segment></unit>
  </file>
</xliff>
`;
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(`<target>${PLANS.en}<mrk id="m1" translate="no">ثقافية</mrk></target>`);
    expect(output).toContain(`<target>${PLANS.en}<mrk id="m1" translate="no">ثقافية</mrk></target></mtc:match>`);
  });

  it('1.2: <mrk mtype="protected"> likewise, with a code inside it that the target lacks', async () => {
    const source = `وستضع الصين وتركمانستان خططا قوية لتنظيم أنشطة ${P(0)}ثقافية${P(1)}${P(2)} سنوية.`;
    const tm = memoryTm({ [source]: { en: [{ score: 98, targetText: PLANS.en, unitId: 'p' }] } });
    const input = xliff12(
      `      <trans-unit id="m"><source>وستضع الصين وتركمانستان خططا قوية لتنظيم أنشطة <mrk mtype="protected">ثقافية<x id="1"/></mrk> سنوية.</source></trans-unit>`,
    );
    const { output, report } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(targetOf(output, 'm')).toBe(`${REVIEW}${PLANS.en}<mrk mtype="protected">ثقافية<x id="1"/></mrk></target>`);
    expect(report.segments[0]!.repaired).toEqual({ codes: [0, 1, 2], printf: [] });
  });
});

describe('a source under xml:space="preserve"', () => {
  it('gives the target its leading and trailing whitespace; without it, the TM’s text as it is', async () => {
    const tm = memoryTm({
      [`  ${CONSENSUS.ar}  `]: { en: [{ score: 100, targetText: CONSENSUS.en, unitId: 'c' }] },
      [` ${CONSENSUS.ar}`]: { en: [{ score: 100, targetText: CONSENSUS.en, unitId: 'c' }] },
    });
    const input = xliff12(
      [
        `      <trans-unit id="1" xml:space="preserve"><source>  ${CONSENSUS.ar}  </source><target state="needs-translation"/></trans-unit>`,
        `      <group xml:space="preserve"><trans-unit id="2"><source xml:space="default"> ${CONSENSUS.ar}</source></trans-unit></group>`,
      ].join('\n'),
    );
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(parseXliff(output).segments.map((s) => s.target?.text)).toEqual([`  ${CONSENSUS.en}  `, CONSENSUS.en]);
    expect(parseXliff(output).segments.map((s) => s.state)).toEqual(['translated', 'translated']);
  });
});
