/**
 * The i18next route and the XLIFF route draft the same segment from the same TM unit alike, through the HTTP routes
 * and a real TM: `min` applies to the score after repairs in both.
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

/** What each route writes for `source` at `min`: the XLIFF target (undefined if none) and the i18next key. */
async function both(source: string, min: number) {
  const xliff = await request(ctx.app)
    .post(`/api/v1/pretranslate?tgt=en&min=${min}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xliff12(source))
    .expect(200);
  const i18next = await request(ctx.app)
    .post('/api/v1/pretranslate/i18next')
    .send({ resources: { s: source }, to: 'en', min })
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
    const loose = await both(SENT, 50);
    const tmScore = loose.report.tmScore!;
    // {{name}} appended: one point off the TM's score, in both routes.
    expect(loose.report).toMatchObject({ status: 'placeables-appended', score: tmScore - 1 });
    expect(loose.value).toBe('Ahmed sent a message to the team {{name}}');
    expect(loose.target).toBe(`${REVIEW}Ahmed sent a message to the team {{name}}</target>`);

    // At min = the TM's score the repaired draft (one point less) is below min: neither route writes it.
    const strict = await both(SENT, tmScore);
    expect(strict.target).toBeUndefined();
    expect(strict.segments).toMatchObject({ 'no-match': 1, placeables: 0 });
    expect(strict.value).toBeUndefined();
    expect(strict.report).toEqual({ lang: 'en', key: 's', status: 'no-match' });

    // One below, both write it.
    const edge = await both(SENT, tmScore - 1);
    expect(edge.target).toBe(loose.target);
    expect(edge.value).toBe(loose.value);
  });
});
