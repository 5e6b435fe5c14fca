/**
 * printf placeholders in an XLIFF source's text (`%s`, `%d`, `%1$s`: what po2xliff writes for a gettext PO file) are
 * placeables when matching, as inline codes and i18next-style placeholders are (xliff-placeholders.ts): no word in
 * the score, the band or the analysis' word count. Real matcher, real Redis, over HTTP; each segment is compared with
 * the same segment with a `<ph>` there, which is what the TM holds but for the placeholder.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { P } from '../helpers/xliff-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // One TM per case: units that differ from the segments only by the placeholder.
  await ctx.tm.createUnit('hello', { ar: 'مرحبا', en: 'Hello' });
  await ctx.tm.createUnit('hello-icu', { ar: 'مرحبا {name}', en: 'Hello {name}' });
  await ctx.tm.createUnit('hello-code', { ar: `مرحبا ${P(0)}`, en: `Hello ${P(0)}` });
  await ctx.tm.createUnit('saved', { ar: 'تم حفظ ملفات', en: 'Files saved' });
  await ctx.tm.createUnit('updated', { ar: `${P(0)} قام بتحديث ${P(1)}`, en: `${P(0)} updated ${P(1)}` });
  await ctx.tm.createUnit('discount', { ar: 'خصم 50%% على', en: '50%% off' });
});
afterAll(() => ctx.close());

/** What po2xliff writes for PO entries (the 1.1 namespace prefixed, a location context), in XLIFF 1.2. */
const po2xliff = (sources: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="messages.po" source-language="ar" target-language="en" datatype="po">
    <body>
${sources
  .map(
    (
      s,
      i,
    ) => `      <ns0:trans-unit xmlns:ns0="urn:oasis:names:tc:xliff:document:1.1" xml:space="preserve" id="${i + 1}" \
approved="no"><ns0:source>${s}</ns0:source>
        <context-group name="po-reference" purpose="location"><context context-type="sourcefile">src/app.c</context>\
</context-group>
      </ns0:trans-unit>`,
  )
  .join('\n')}
    </body>
  </file>
</xliff>
`;

type Segment = { status: string; score?: number; tmScore?: number; band?: string; repaired?: { printf: string[] } };
type Analysis = { rows: { band: string; segments: number; words: number }[]; total: { words: number } };

async function pretranslate(tm: string, sources: string[]) {
  const res = await request(ctx.app)
    .post(`/api/v1/pretranslate?tm=${tm}&min=50`)
    .set('Content-Type', 'application/xliff+xml')
    .send(po2xliff(sources))
    .expect(200);
  return { output: res.text };
}

/** The report of the service layer the route runs (the route's headers carry totals only). */
async function report(tm: string, sources: string[]) {
  const { report } = await ctx.tm.pretranslateXliff(Buffer.from(po2xliff(sources)), {
    tms: [tm],
    maxQueryChars: 2000,
    min: 50,
  });
  return report.segments as Segment[];
}

async function analyze(tm: string, sources: string[]): Promise<Analysis> {
  const res = await request(ctx.app)
    .post(`/api/v1/analyze?tm=${tm}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(po2xliff(sources))
    .expect(200);
  return res.body as Analysis;
}

const targets = (output: string) =>
  [...output.matchAll(/<(?:ns0:)?target[^>]*>(.*?)<\/(?:ns0:)?target>/g)].map((m) => m[1]);

describe('a po2xliff segment whose printf placeholder a TM unit lacks or holds otherwise', () => {
  it.each([
    ['hello', 'مرحبا %s', 'مرحبا <ph id="1">%s</ph>'],
    ['hello-code', 'مرحبا %s', 'مرحبا <ph id="1">%s</ph>'],
    ['saved', 'تم حفظ %d ملفات', 'تم حفظ <ph id="1">%d</ph> ملفات'],
    ['updated', '%1$s قام بتحديث %2$s', '<ph id="1">%1$s</ph> قام بتحديث <ph id="2">%2$s</ph>'],
  ])('against %s, scores and bands «%s» as the segment with a code there', async (tm, segment, withCode) => {
    const [placeholder, code] = await report(tm, [segment, withCode]);
    expect(code!.band).toBeDefined();
    const { status, score, tmScore, band } = code!;
    expect(placeholder).toEqual(expect.objectContaining({ status, score, band }));
    expect(placeholder!.tmScore).toBe(tmScore);
    // The route writes it, with the segment's placeholders and none other.
    const { output } = await pretranslate(tm, [segment]);
    const [target] = targets(output);
    expect(target).toBeDefined();
    for (const p of segment.match(/%(?:\d\$)?[sd]/g)!) expect(target).toContain(p);
  });

  it('completes the target as before: appended, renamed (a point off), or in place of the TM’s code', async () => {
    expect(targets((await pretranslate('hello', ['مرحبا %s'])).output)).toEqual(['Hello %s']);
    expect(targets((await pretranslate('hello-icu', ['مرحبا %s'])).output)).toEqual(['Hello %s']);
    expect(targets((await pretranslate('updated', ['%1$s قام بتحديث %2$s'])).output)).toEqual(['%1$s updated %2$s']);
    const [renamed] = await report('hello-icu', ['مرحبا %s']);
    expect(renamed).toMatchObject({
      status: 'placeables',
      tmScore: 100,
      score: 99,
      repaired: { printf: ['{name}→%s'] },
    });
    const [exact] = await report('hello-code', ['مرحبا %s']);
    expect(exact).toMatchObject({ status: 'filled', score: 100, band: '100' });
  });

  it('keeps %% as text: a literal percent sign, matched as written', async () => {
    const [segment] = await report('discount', ['خصم 50%% على %s']);
    const [code] = await report('discount', ['خصم 50%% على <ph id="1">%s</ph>']);
    expect(segment).toMatchObject({ score: code!.score, band: code!.band });
    expect(targets((await pretranslate('discount', ['خصم 50%% على %s'])).output)).toEqual(['50%% off %s']);
  });
});

describe('analyzing a po2xliff file with printf placeholders', () => {
  it('bands each segment as the segment with a code there and counts no placeholder as a word', async () => {
    const sources = ['مرحبا %s', 'تم حفظ %d ملفات', '%1$s قام بتحديث %2$s'];
    const withCodes = [
      'مرحبا <ph id="1">%s</ph>',
      'تم حفظ <ph id="1">%d</ph> ملفات',
      '<ph id="1">%1$s</ph> قام بتحديث <ph id="2">%2$s</ph>',
    ];
    const tms = ['hello', 'saved', 'updated'];
    for (const [i, tm] of tms.entries()) {
      const analysis = await analyze(tm, [sources[i]!]);
      expect(analysis).toEqual(await analyze(tm, [withCodes[i]!]));
      expect(analysis.total.words).toBe((await analyze(tm, [sources[i]!.replace(/%(?:\d\$)?[sd]/g, '')])).total.words);
    }
    const all = await analyze('hello', sources);
    expect(all.total.words).toBe(1 + 3 + 2);
  });
});
