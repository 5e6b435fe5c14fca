/**
 * The i18next route and the XLIFF route draft the same segment from the same TM unit alike, through the HTTP routes
 * and a real TM: `min` applies to the score after repairs in both, and a pair the TM lacks that wraps the whole
 * source wraps the whole draft in both.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // Added as plain text: a name written out where the resource has {{name}}.
  await ctx.tm.createUnit('main', { ar: 'أرسل أحمد رسالة إلى الفريق', en: 'Ahmed sent a message to the team' });
});
afterAll(() => ctx.close());

const SENT = 'أرسل {{name}} رسالة إلى الفريق';
// In the seed TM without any code.
const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
};
const REVIEW = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';
const xliff12 = (source: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="page.html" source-language="ar" target-language="en" datatype="html">
    <body>
      <trans-unit id="s"><source>${source}</source></trans-unit>
    </body>
  </file>
</xliff>
`;

/**
 * What each route writes at `min` for `source` (the XLIFF segment's, and the i18next value's unless it holds Trans
 * tags where the segment has codes): the XLIFF target (undefined if none) and the i18next key.
 */
async function both(min: number, source: string, value = source) {
  const xliff = await request(ctx.app)
    .post(`/api/v1/pretranslate?tgt=en&min=${min}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xliff12(source))
    .expect(200);
  const i18next = await request(ctx.app)
    .post('/api/v1/pretranslate/i18next')
    .send({ resources: { s: value }, to: 'en', min })
    .expect(200);
  return {
    target: /<target[^>]*>[\s\S]*?<\/target>/.exec(xliff.text)?.[0],
    segments: JSON.parse(String(xliff.headers['x-mizan-segments'])) as Record<string, number>,
    value: i18next.body.resources.en.s as string | undefined,
    report: i18next.body.report[0] as { status: string; score?: number; tmScore?: number },
  };
}

describe('min, in the i18next route as in the XLIFF route', () => {
  it('applies to the score after repairs: a draft its appended placeable takes below min is not written', async () => {
    const loose = await both(50, SENT);
    const tmScore = loose.report.tmScore!;
    // {{name}} appended: one point off the TM's score, in both routes.
    expect(loose.report).toMatchObject({ status: 'placeables-appended', score: tmScore - 1 });
    expect(loose.value).toBe('Ahmed sent a message to the team {{name}}');
    expect(loose.target).toBe(`${REVIEW}Ahmed sent a message to the team {{name}}</target>`);

    // At min = the TM's score the repaired draft (one point less) is below min: neither route writes it.
    const strict = await both(tmScore, SENT);
    expect(strict.target).toBeUndefined();
    expect(strict.segments).toMatchObject({ 'no-match': 1, placeables: 0 });
    expect(strict.value).toBeUndefined();
    expect(strict.report).toEqual({ lang: 'en', key: 's', status: 'no-match' });

    // One below, both write it.
    const edge = await both(tmScore - 1, SENT);
    expect(edge.target).toBe(loose.target);
    expect(edge.value).toBe(loose.value);
  });
});

describe('a pair the TM’s target lacks, in the i18next route as in the XLIFF route', () => {
  it('wraps the whole draft when it wraps the whole source: <1>…</1> as <g>…</g>', async () => {
    const { target, segments, value, report } = await both(
      75,
      `<g id="1">${CONSENSUS.ar}</g>`,
      `<1>${CONSENSUS.ar}</1>`,
    );
    expect(target).toBe(`${REVIEW}<g id="1">${CONSENSUS.en}</g></target>`);
    expect(segments).toMatchObject({ placeables: 1 });
    expect(value).toBe(`<1>${CONSENSUS.en}</1>`);
    expect(report).toMatchObject({ status: 'placeables-appended', appended: ['<1>', '</1>'] });
    // The same two repairs in both: two points off the TM's score.
    expect(report.score).toBe(report.tmScore! - 2);
  });

  it('is still put in as an empty pair at the end when it wraps part of the source', async () => {
    const part = (open: string, close: string) => CONSENSUS.ar.replace('الجانبان', `${open}الجانبان${close}`);
    const { target, value } = await both(75, part('<g id="1">', '</g>'), part('<1>', '</1>'));
    expect(target).toBe(`${REVIEW}${CONSENSUS.en}<g id="1"></g></target>`);
    expect(value).toBe(`${CONSENSUS.en} <1></1>`);
  });
});
