/**
 * A TM unit holding a printf placeholder as text (`%s`, as po2tmx writes a PO entry) where the file's source has
 * words, through the XLIFF and i18next routes over HTTP with the real matcher: the source's words take the
 * placeholder's place in the target («انقر الزر» against «انقر %s» / "Click %s" gives "Click الزر", for review), and
 * a candidate whose placeholder stands where the source's words cannot be told is not written. Left out, the
 * placeholder made "Click": a target that silently lacked what the source says.
 */
import request from 'supertest';
import { parseXliff } from '../../src/formats';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  await ctx.tm.createUnit('main', { ar: 'انقر %s', en: 'Click %s' });
  await ctx.tm.createUnit('main', {
    ar: 'انقر على الزر %s لحفظ الملف',
    en: 'Click the %s button to save the file',
  });
  // «صديقي» is not in the source below: whether «أحمد» is the friend or the name cannot be told.
  await ctx.tm.createUnit('main', {
    ar: 'أرسل صديقي %s رسالة إلى الفريق',
    en: 'My friend %s sent a message to the team',
  });
});
afterAll(() => ctx.close());

const CLICK = 'انقر الزر';
const BLUE = 'انقر على الزر الأزرق لحفظ الملف';
const FRIEND = 'أرسل أحمد رسالة إلى الفريق';

async function pretranslate(xml: string) {
  const res = await request(ctx.app)
    .post('/api/v1/pretranslate?tgt=en&min=40')
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  return { output: res.text, totals: JSON.parse(String(res.headers['x-mizan-segments'])) as Record<string, number> };
}

describe('XLIFF pretranslation against a TM unit with a printf placeholder where the source has words', () => {
  it('1.2: the source’s words in the placeholder’s place, for review; nothing written where it cannot be placed', async () => {
    const units = [CLICK, BLUE, FRIEND].map((s, i) => `<trans-unit id="u${i}"><source>${s}</source></trans-unit>`);
    const { output, totals } = await pretranslate(`<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
${units.join('\n')}
</body></file></xliff>
`);
    const review = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';
    expect(output).toContain(`${review}Click الزر</target>`);
    expect(output).toContain(`${review}Click the الأزرق button to save the file</target>`);
    expect(output).not.toContain('>Click</target>');
    expect(output).not.toContain('My friend');
    expect(totals).toMatchObject({ placeables: 2, filled: 0, unmappable: 1 });
  });

  it('2.0: the same targets, and no suggestion keeps the TM’s %s', async () => {
    const units = [CLICK, BLUE, FRIEND].map(
      (s, i) => `<unit id="u${i}"><segment id="s${i}"><source>${s}</source></segment></unit>`,
    );
    const { output } = await pretranslate(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f">${units.join('\n')}</file>
</xliff>
`);
    const doc = parseXliff(output);
    expect(doc.segments.map((s) => s.target?.text)).toEqual([
      'Click الزر',
      'Click the الأزرق button to save the file',
      undefined,
    ]);
    expect(output).not.toMatch(/<target>[^<]*%s/);
  });
});

describe('i18next pretranslation against a TM unit with a printf placeholder where the source has words', () => {
  it('writes the source’s words in its place, one point off, the words in codeText; refuses what it cannot place', async () => {
    const resources = { click: CLICK, blue: BLUE, friend: FRIEND };
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: 'en', min: 40 })
      .expect(200);
    expect(res.body.resources.en).toEqual({ click: 'Click الزر', blue: 'Click the الأزرق button to save the file' });
    type KeyReport = { key: string; status: string; score?: number; tmScore?: number; codeText?: string[] };
    const of = (key: string) => (res.body.report as KeyReport[]).find((r) => r.key === key)!;
    expect(of('click')).toMatchObject({ status: 'filled', codeText: ['الزر'] });
    expect(of('click').score).toBe(of('click').tmScore! - 1);
    expect(of('blue')).toMatchObject({ status: 'filled', codeText: ['الأزرق'] });
    expect(of('friend')).toMatchObject({ status: 'unmappable' });
  });
});
