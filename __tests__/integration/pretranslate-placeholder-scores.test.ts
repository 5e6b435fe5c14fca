/**
 * i18next-style placeholders in an XLIFF source's text (`{{x}}`, `{x}`, `${x}`, `$t(key)`) are placeables when
 * matching, as inline codes are: they count as no word in the score, the band or the analysis' word count. Real
 * matcher, real Redis, over HTTP (the report through the service layer, which the route runs).
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { P } from '../helpers/xliff-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // One TM per case, so that each segment meets the one unit it is about.
  await ctx.tm.createUnit('plain', { ar: 'مرحبا بكم في موقعنا الجديد', en: 'Welcome to our new site' });
  // As po2tmx writes a PO entry (the placeholder kept as text) and as a TMX import keeps it (a code).
  await ctx.tm.createUnit('printf', {
    ar: 'تم حفظ الملف %s في المجلد الرئيسي',
    en: 'The file %s was saved in the main folder',
  });
  await ctx.tm.createUnit('code', {
    ar: `تم حفظ الملف ${P(0)} في المجلد الرئيسي`,
    en: `The file ${P(0)} was saved in the main folder`,
  });
  // A unit added by hand with the i18next placeholder as written.
  await ctx.tm.createUnit('literal', {
    ar: 'أرسل {{user}} رسالة جديدة إلى الفريق',
    en: '{{user}} sent a new message to the team',
  });
});
afterAll(() => ctx.close());

const xliff12 = (sources: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
${sources.map((s, i) => `<trans-unit id="${i}"><source>${s}</source></trans-unit>`).join('\n')}
</body></file></xliff>
`;

type Segment = { status: string; score?: number; tmScore?: number; band?: string; repaired?: { printf: string[] } };

/** The service's report (what the route runs) and the route's output for the same file. */
async function pretranslate(tm: string, sources: string[], min = 75) {
  const xml = xliff12(sources);
  const { report } = await ctx.tm.pretranslateXliff(Buffer.from(xml), { tms: [tm], maxQueryChars: 2000, min });
  const res = await request(ctx.app)
    .post(`/api/v1/pretranslate?tm=${tm}&min=${min}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  return { segments: report.segments as Segment[], output: res.text };
}

async function analyze(tm: string, sources: string[]) {
  const res = await request(ctx.app)
    .post(`/api/v1/analyze?tm=${tm}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xliff12(sources))
    .expect(200);
  return res.body as { rows: { band: string; segments: number; words: number }[]; total: { words: number } };
}

const WELCOME = 'مرحبا بكم في موقعنا الجديد';

describe('an XLIFF segment whose i18next placeholder a TM unit lacks', () => {
  const forms = ['{{name}}', '{name}', '${name}', '$t(site.name)'];

  it('scores and bands as the same segment with an inline code there: the placeholder is no word', async () => {
    const withCode = await pretranslate('plain', [`${WELCOME} <ph id="1">{{name}}</ph>`]);
    const code = withCode.segments[0]!;
    expect(code.band).toBe('95-99');
    const { segments, output } = await pretranslate(
      'plain',
      forms.map((f) => `${WELCOME} ${f}`),
    );
    for (const [i, segment] of segments.entries()) {
      expect(segment).toMatchObject({ status: 'placeables', score: code.score, band: code.band });
      expect(segment.repaired!.printf).toEqual([`+${forms[i]}`]);
      expect(output).toContain(`>Welcome to our new site ${forms[i]}</target>`);
    }
  });

  it('is analyzed as the segment with an inline code: same band, and the placeholder counted as no word', async () => {
    const withCode = await analyze('plain', [`${WELCOME} <ph id="1">{{name}}</ph>`]);
    const withPlaceholder = await analyze('plain', [`${WELCOME} {{name}}`]);
    expect(withPlaceholder).toEqual(withCode);
    const without = await analyze('plain', [WELCOME]);
    expect(withPlaceholder.total.words).toBe(without.total.words);
    expect(withPlaceholder.rows.find((r) => r.band === '95-99')).toMatchObject({ segments: 1 });
  });
});

describe('an XLIFF segment against a TM unit that holds another placeholder in the same place', () => {
  const segment = 'تم حفظ الملف {file} في المجلد الرئيسي';

  it('scores the printf unit as the unit with a code there, less the one point of renaming', async () => {
    const asCode = (await pretranslate('code', [segment])).segments[0]!;
    expect(asCode).toMatchObject({ status: 'filled', band: '100' });
    const { segments, output } = await pretranslate('printf', [segment]);
    expect(segments[0]).toMatchObject({
      status: 'placeables',
      tmScore: asCode.score,
      score: asCode.score! - 1,
      repaired: { printf: ['%s→{file}'] },
    });
    expect(output).toContain('>The file {file} was saved in the main folder</target>');
  });

  it('still scores a unit holding the very placeholder as written 100, and one named otherwise 100 less a rename', async () => {
    const { segments, output } = await pretranslate('literal', [
      'أرسل {{user}} رسالة جديدة إلى الفريق',
      'أرسل {{sender}} رسالة جديدة إلى الفريق',
    ]);
    expect(segments[0]).toMatchObject({ status: 'filled', score: 100, band: '100' });
    expect(segments[1]).toMatchObject({ status: 'placeables', tmScore: 100, score: 99 });
    expect(output).toContain('>{{user}} sent a new message to the team</target>');
    expect(output).toContain('>{{sender}} sent a new message to the team</target>');
  });
});
