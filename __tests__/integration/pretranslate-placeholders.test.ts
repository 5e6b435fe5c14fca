/**
 * XLIFF pretranslation against TM units that hold placeholders, with the real matcher, over HTTP (the t-files
 * findings F1 and F2): a number of the file's source never disappears into a TM placeholder, and i18next / ICU /
 * template placeholders of the source are never dropped from the target.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // As po2tmx writes a PO file's entry: the placeholders kept as text.
  await ctx.tm.createUnit('main', {
    ar: 'زار الوفد %s مدينة الرياض لمدة %d أيام.',
    en: 'The delegation %s visited Riyadh for %d days.',
  });
  await ctx.tm.createUnit('main', {
    ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
    zh: '双方就加强务实合作达成广泛共识。',
  });
});
afterAll(() => ctx.close());

async function pretranslate(xml: string, query: string) {
  const res = await request(ctx.app)
    .post(`/api/v1/pretranslate?${query}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  return { output: res.text, totals: JSON.parse(String(res.headers['x-mizan-segments'])) as Record<string, number> };
}

const xliff12 = (tgt: string, sources: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="${tgt}" datatype="plaintext"><body>
${sources.map((s, i) => `<trans-unit id="${i}"><source>${s}</source></trans-unit>`).join('\n')}
</body></file></xliff>
`;

describe('pretranslating a source with a number against a TM unit with a placeholder there', () => {
  it('1.2 and 2.0: puts the source’s number where the TM’s placeholder was', async () => {
    const source = 'زار الوفد مدينة الرياض لمدة 5 أيام.';
    const one = await pretranslate(xliff12('en', [source]), 'min=60');
    expect(one.output).toMatch(/<target [^>]*>The delegation visited Riyadh for 5 days\.<\/target>/);
    expect(one.totals).toMatchObject({ placeables: 1, filled: 0, unmappable: 0 });
    const two = await pretranslate(
      `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f"><unit id="u"><segment id="s"><source>${source}</source></segment></unit></file>
</xliff>
`,
      'min=60',
    );
    expect(two.output).toContain('<target>The delegation visited Riyadh for 5 days.</target>');
    expect(two.output).not.toContain('for days');
  });
});

describe('pretranslating i18next, ICU and template placeholders in XLIFF text', () => {
  it('keeps each in the target and counts the segment as placeables', async () => {
    const forms = ['{0}', '{name}', '{{name}}', '%(name)s', '%s', '${name}'];
    const sources = forms.map((f) => `مرحبا ${f}، وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.`);
    const { output, totals } = await pretranslate(xliff12('zh-CN', sources), 'min=60');
    for (const form of forms) expect(output).toContain(`双方就加强务实合作达成广泛共识。 ${form}</target>`);
    expect(totals).toMatchObject({ placeables: 6, filled: 0 });
  });
});
