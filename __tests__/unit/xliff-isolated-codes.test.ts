/**
 * An isolated code — a span start whose end is in another segment, or an end whose start is — that the TM's target
 * lacks goes where it stands in the source, relative to the text: one after most of the source's text at the end of
 * the target, one before it at the start. Formatting that opens at the end of a sentence and runs into the next one
 * must not make this whole sentence bold, nor a span closing at its start take the sentence in.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const AR = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
const EN = 'The two sides reached broad consensus on strengthening practical cooperation.';
const REVIEW = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';

const xliff12 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
${units}
  </body>
 </file>
</xliff>
`;

const xliff2 = (source: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u6">
   <segment id="s1">
    <source>${source}</source>
   </segment>
  </unit>
 </file>
</xliff>
`;

const tmFor = (...sources: string[]) =>
  memoryTm(Object.fromEntries(sources.map((s) => [s, { en: [{ score: 100, targetText: EN, unitId: 'c' }] }])));

describe('an isolated code the TM’s target lacks', () => {
  it('1.2: an <it pos="open"> or <bx/> at the end of the source goes at the end of the target', async () => {
    // The tester's iso.xlf.
    const input = xliff12(
      [
        `    <trans-unit id="1"><source>${AR} <it id="1" pos="open">&lt;b&gt;</it></source></trans-unit>`,
        `    <trans-unit id="2"><source>${AR} <bx id="2"/></source></trans-unit>`,
      ].join('\n'),
    );
    const { output, report } = await pretranslateXliffFile(input, tmFor(`${AR} ${P(0)}`), { tgt: 'en' });
    expect(output).toContain(`${REVIEW}${EN}<it id="1" pos="open">&lt;b&gt;</it></target>`);
    expect(output).toContain(`${REVIEW}${EN}<bx id="2"/></target>`);
    expect(report.segments.map((s) => s.status)).toEqual(['placeables', 'placeables']);
  });

  it('1.2: an <it pos="close"> or <ex/> at the start of the source goes at the start of the target', async () => {
    const input = xliff12(
      [
        `    <trans-unit id="1"><source><it id="1" pos="close">&lt;/b&gt;</it>${AR}</source></trans-unit>`,
        `    <trans-unit id="2"><source><ex id="2"/> ${AR}</source></trans-unit>`,
      ].join('\n'),
    );
    const { output } = await pretranslateXliffFile(input, tmFor(`${P(0)}${AR}`, `${P(0)} ${AR}`), { tgt: 'en' });
    expect(output).toContain(`${REVIEW}<it id="1" pos="close">&lt;/b&gt;</it>${EN}</target>`);
    expect(output).toContain(`${REVIEW}<ex id="2"/>${EN}</target>`);
  });

  it('2.x: an isolated <sc/> at the end goes last, an isolated <ec/> after most of the text too', async () => {
    // The tester's iso2.xlf: a span of an earlier unit ends late in the sentence, a new one opens at its end.
    const ar = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز ';
    const source = `${ar}<ec id="9" isolated="yes"/>التعاون العملي.<sc id="8" isolated="yes"/>`;
    const tm = tmFor(`${ar}${P(0)}التعاون العملي.${P(1)}`);
    const { output } = await pretranslateXliffFile(xliff2(source), tm, { tgt: 'en' });
    expect(output).toContain(`<target>${EN}<ec id="9" isolated="yes"/><sc id="8" isolated="yes"/></target>`);
  });

  it('2.x: an isolated <ec/> at the start goes first, an <sc/> before the text too', async () => {
    const source = `<ec id="9" isolated="yes"/>${AR}`;
    const other = `<sc id="8" isolated="yes"/> ${AR}`;
    const first = await pretranslateXliffFile(xliff2(source), tmFor(`${P(0)}${AR}`), { tgt: 'en' });
    const second = await pretranslateXliffFile(xliff2(other), tmFor(`${P(0)} ${AR}`), { tgt: 'en' });
    expect(first.output).toContain(`<target><ec id="9" isolated="yes"/>${EN}</target>`);
    expect(second.output).toContain(`<target><sc id="8" isolated="yes"/>${EN}</target>`);
  });
});
