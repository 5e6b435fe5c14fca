import { type Candidate, type XliffDocument, parseXliff, pretranslateXliffFile } from '../../src/formats';
import { flattenContent } from '../../src/formats/xliff-inline';
import { childElements, type XmlElement } from '../../src/formats/xliff-xml';
import { P, fixture, memoryTm } from '../helpers/xliff-fixtures';

const run = async (name: string, tgt: 'en' | 'zh', entries: Record<string, Candidate[]>) => {
  const tm = memoryTm(Object.fromEntries(Object.entries(entries).map(([text, c]) => [text, { [tgt]: c }])));
  const { output, report } = await pretranslateXliffFile(fixture(name), tm, { tgt });
  return { output, report, doc: parseXliff(output) }; // parsing the output checks that it is well-formed
};

/** The mizan suggestions of the output, as written. */
const ours = (output: string) => output.match(/<([\w:]*)(alt-trans|match) [^>]*origin="mizan"[^>]*>.*?<\/\1\2>/g) ?? [];

/** The codes (as the file writes them) of every mizan suggestion's target in a unit, and of the unit's source. */
function suggestedCodes(doc: XliffDocument, unitId: string): { source: string[]; suggestions: string[][] } {
  const unit = doc.units.find((u) => u.segments[0]!.unitId === unitId)!;
  const family = doc.family;
  const suggestions = (family === 1 ? unit.altTrans : childElements(unit.matches!))
    .filter((el) => el.attrs.origin === 'mizan')
    .map((el) => {
      const target = childElements(el).find((c: XmlElement) => c.local === 'target')!;
      return flattenContent(target, doc.text, family).codes.map((c) => c.xml);
    });
  return { source: unit.segments[0]!.codes.map((c) => c.xml), suggestions };
}

describe('XLIFF candidates carry the source’s codes and placeholders, as the target does', () => {
  it('completes po2xliff printf placeholders in alt-trans, one point off per repair, best first', async () => {
    const { output, report } = await run('xliff/po2xliff-ar-en.xlf', 'en', {
      'لديك %d رسائل جديدة': [
        { score: 90, targetText: 'You have %d new messages', unitId: 'a' },
        { score: 80, targetText: 'You have %s new messages', unitId: 'b' },
        { score: 85, targetText: 'You have new messages', sourceText: 'لديك رسائل جديدة', unitId: 'c' },
      ],
    });
    expect(ours(output)).toEqual([
      '<ns0:alt-trans match-quality="84" origin="mizan"><ns0:source>لديك رسائل جديدة</ns0:source>' +
        '<ns0:target>You have new messages %d</ns0:target></ns0:alt-trans>',
      '<ns0:alt-trans match-quality="79" origin="mizan"><ns0:target>You have %d new messages</ns0:target></ns0:alt-trans>',
    ]);
    // The target written needed no repair: the segment is an ordinary fuzzy match.
    expect(report.segments.find((s) => s.unitId === '7')).toMatchObject({ status: 'filled', score: 90 });
  });

  it('writes the candidate best after repairs: a 99 that needs none before a 100 that lacks the codes', async () => {
    const { output, report } = await run('xliff/inline-1.2.xlf', 'en', {
      [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: [
        { score: 100, targetText: 'The Foreign Minister visits Cairo', unitId: 'a' },
        { score: 99, targetText: `The ${P(0)}Foreign${P(1)} Minister visits Cairo${P(2)}`, unitId: 'b' },
      ],
    });
    const segment = report.segments.find((s) => s.matchUnitId !== undefined)!;
    expect(segment).toMatchObject({ status: 'filled', score: 99, matchUnitId: 'b' });
    expect(output).toContain('state-qualifier="fuzzy-match">The <g id="1" ctype="bold">Foreign</g> Minister visits');
    // The 100 is the suggestion, repaired and marked down.
    const [suggestion] = ours(output);
    expect(suggestion).toMatch(/^<alt-trans match-quality="9[0-8]" origin="mizan"><target>The Foreign Minister/);
  });

  it('completes 1.2 g and x codes in alt-trans: well-formed, every code of the source once', async () => {
    const { output, doc } = await run('xliff/inline-1.2.xlf', 'en', {
      [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: [
        { score: 100, targetText: `The ${P(0)}Foreign${P(1)} Minister visits Cairo${P(2)}`, unitId: 'a' },
        { score: 90, targetText: 'The Foreign Minister visits Cairo', unitId: 'b' },
        { score: 88, targetText: `The ${P(1)}Foreign${P(0)} Minister visits ${P(2)}Cairo`, unitId: 'c' },
        { score: 86, targetText: `The ${P(0)}foreign${P(1)} minister visits Cairo`, unitId: 'd' },
      ],
    });
    expect(ours(output)).toEqual([
      // No code at all: the pair appended empty, the line break after it.
      '<alt-trans match-quality="87" origin="mizan"><target>The Foreign Minister visits Cairo' +
        '<g id="1" ctype="bold"></g><x id="2" ctype="lb"/></target></alt-trans>',
      // A crossed pair: taken out and appended empty; the <x/> stays where the TM put it.
      '<alt-trans match-quality="86" origin="mizan"><target>The Foreign Minister visits <x id="2" ctype="lb"/>Cairo' +
        '<g id="1" ctype="bold"></g></target></alt-trans>',
      '<alt-trans match-quality="85" origin="mizan"><target>The <g id="1" ctype="bold">foreign</g> minister visits ' +
        'Cairo<x id="2" ctype="lb"/></target></alt-trans>',
    ]);
    const { source, suggestions } = suggestedCodes(doc, 't1');
    for (const codes of suggestions) expect([...codes].sort()).toEqual([...source].sort());
  });

  it('completes 2.x pc and ph codes in every mtc:match, with the unit’s originalData for their dataRefs', async () => {
    const { output, doc } = await run('xliff/matches-2.0.xlf', 'zh', {
      [`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`]: [
        { score: 101, targetText: `${P(0)}外交部长${P(1)}访问开罗${P(2)}`, unitId: 'a' },
        { score: 90, targetText: '外交部长访问开罗', unitId: 'b' },
        { score: 88, targetText: `${P(0)}外交部长访问开罗`, unitId: 'c' },
      ],
    });
    const data =
      '<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData>';
    const source =
      '<source>وزير <pc id="1" dataRefStart="d1" dataRefEnd="d2">الخارجية</pc> يزور القاهرة<ph id="2" dataRef="d3"/></source>';
    expect(ours(output)).toEqual([
      `<mtc:match ref="#s2" type="icm" similarity="100" origin="mizan">${data}${source}<target>` +
        '<pc id="1" dataRefStart="d1" dataRefEnd="d2">外交部长</pc>访问开罗<ph id="2" dataRef="d3"/></target></mtc:match>',
      `<mtc:match ref="#s2" type="tm" similarity="87" origin="mizan">${data}${source}<target>外交部长访问开罗` +
        '<pc id="1" dataRefStart="d1" dataRefEnd="d2"></pc><ph id="2" dataRef="d3"/></target></mtc:match>',
      // A pc without its end: closed at the end of the text, the ph appended.
      `<mtc:match ref="#s2" type="tm" similarity="86" origin="mizan">${data}${source}<target>` +
        '<pc id="1" dataRefStart="d1" dataRefEnd="d2">外交部长访问开罗</pc><ph id="2" dataRef="d3"/></target></mtc:match>',
    ]);
    const { source: codes, suggestions } = suggestedCodes(doc, 'u2');
    expect(suggestions).toHaveLength(3);
    for (const written of suggestions) expect(written).toEqual(codes);
  });
});
