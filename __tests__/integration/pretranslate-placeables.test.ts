import request from 'supertest';
import { parseXliff } from '../../src/formats';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // Units added as plain text, as a translator would: names and numbers written out, i18next markup kept literally.
  await ctx.tm.createUnit('main', { ar: 'أرسل أحمد رسالة إلى الفريق', en: 'Ahmed sent a message to the team' });
  await ctx.tm.createUnit('main', {
    ar: 'مرحبا {{name}} في لوحة التحكم الخاصة بك.',
    en: 'Welcome {{name}} to your dashboard.',
    zh: '{{name}}，欢迎来到你的控制面板。',
  });
  await ctx.tm.createUnit('main', {
    ar: 'لديك 5 رسائل جديدة في صندوق الوارد',
    en: 'You have 5 new messages in your inbox',
  });
  await ctx.tm.createUnit('main', {
    ar: 'انقر هنا لفتح إعدادات الحساب الخاصة بك',
    en: 'Click here to open your account settings',
  });
  await ctx.tm.createUnit('main', {
    ar: '<1>انقر هنا</1> لتنزيل التقرير السنوي الكامل',
    en: '<1>Click here</1> to download the full annual report',
  });
  await ctx.tm.createUnit('main', {
    ar: 'تم نقل {{file}} إلى سلة المهملات بنجاح',
    en: '{{file}} was moved to the trash successfully',
  });
});
afterAll(() => ctx.close());

const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
};

type Report = {
  lang: string;
  key: string;
  status: string;
  score?: number;
  tmScore?: number;
  appended?: string[];
  codeText?: string[];
  placeables?: object;
};

describe('i18next pretranslation keeps every placeable of the source', () => {
  const resources = {
    sent: 'أرسل {{name}} رسالة إلى الفريق',
    welcome: 'مرحبا {{user}} في لوحة التحكم الخاصة بك.',
    inbox_few: 'لديك {{count}} رسائل جديدة في صندوق الوارد',
    inbox_other: 'لديك {{count}} رسالة جديدة في صندوق الوارد',
    settings: '<0>انقر هنا</0> لفتح إعدادات الحساب الخاصة بك',
    report: '<0>انقر هنا</0> لتنزيل التقرير السنوي الكامل',
    nested: `$t(a, {"count": 2}) ${CONSENSUS.ar}`,
  };

  it('writes a match whose placeables differ only in names with the source’s, and appends those it lacks', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: ['en', 'zh'] })
      .expect(200);
    expect(res.body.resources.en).toEqual({
      // The unit spells a name where the source has {{name}}: {{name}} is appended, for a reviewer to place.
      sent: 'Ahmed sent a message to the team {{name}}',
      welcome: 'Welcome {{user}} to your dashboard.',
      // The TM wrote the 5 where the source has {{count}}: {{count}} takes its place.
      inbox_other: 'You have {{count}} new messages in your inbox',
      settings: 'Click here to open your account settings <0></0>',
      report: '<0>Click here</0> to download the full annual report',
      nested: `${CONSENSUS.en} $t(a, {"count": 2})`,
    });
    expect(res.body.resources.zh).toEqual({
      welcome: '{{user}}，欢迎来到你的控制面板。',
      nested: '双方就加强务实合作达成广泛共识。 $t(a, {"count": 2})',
    });
    const report = res.body.report as Report[];
    const of = (key: string, lang = 'en') => report.find((r) => r.key === key && r.lang === lang)!;
    expect(of('sent')).toMatchObject({
      status: 'placeables-appended',
      appended: ['{{name}}'],
      placeables: { status: 'ok', missing: [], extra: [] },
    });
    expect(of('sent').score).toBe(of('sent').tmScore! - 1);
    expect(of('inbox_other')).toMatchObject({ status: 'filled', placeables: { status: 'ok' } });
    expect(of('inbox_other').score).toBe(of('inbox_other').tmScore! - 1);
    expect(of('settings')).toMatchObject({ status: 'placeables-appended', appended: ['<0>', '</0>'] });
    expect(of('nested')).toMatchObject({ status: 'placeables-appended', appended: ['$t(a, {"count": 2})'] });
    // The unit is the source's text but for its placeables' names: 100, less one point per placeable renamed (the
    // draft is not the TM's text).
    expect(of('welcome')).toMatchObject({ status: 'filled', score: 99, tmScore: 100, placeables: { status: 'ok' } });
    expect(of('welcome', 'zh')).toMatchObject({ status: 'filled', score: 99, tmScore: 100 });
    expect(of('report')).toMatchObject({ status: 'filled', score: 98, tmScore: 100, placeables: { status: 'ok' } });
  });

  it('writes the same draft as the XLIFF route for the same segment: the missing placeable appended', async () => {
    const { output } = await pretranslate(
      xliff12(`      <trans-unit id="sent"><source>${resources.sent}</source></trans-unit>`),
    );
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources: { sent: resources.sent }, to: 'en' })
      .expect(200);
    expect(res.body.resources.en.sent).toBe('Ahmed sent a message to the team {{name}}');
    const review = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';
    expect(output).toContain(`${review}Ahmed sent a message to the team {{name}}</target>`);
  });

  it('puts the source’s text where the TM’s unit has a placeable the source lacks, rather than refuse it', async () => {
    // The unit's {{file}} stands where the resource names the file: it was `unmappable`, the key left untranslated.
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources: { moved: 'تم نقل التقرير السنوي إلى سلة المهملات بنجاح' }, to: 'en', min: 50 })
      .expect(200);
    expect(res.body.resources.en).toEqual({ moved: 'التقرير السنوي was moved to the trash successfully' });
    const [moved] = res.body.report as Report[];
    expect(moved).toMatchObject({ status: 'filled', codeText: ['التقرير السنوي'], placeables: { status: 'ok' } });
    expect(moved!.score).toBe(moved!.tmScore! - 1);
  });

  it('refuses a min below the floor or above 100 (keys have no neighbours: no 101) with the code /match uses', async () => {
    const tooLow = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: ['en'], min: 10 })
      .expect(400);
    expect(tooLow.body.error).toMatchObject({
      code: 'MIN_OUT_OF_RANGE',
      message: '"min" must be a whole number from 30 to 100 (got "10").',
    });
    const match = await request(ctx.app).get('/api/v1/match').query({ q: 'x', min: 10 }).expect(400);
    expect(match.body.error).toMatchObject({
      code: 'MIN_OUT_OF_RANGE',
      message: '"min" must be a whole number from 30 to 101 (got "10").',
    });
    await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: ['en'], min: 101 })
      .expect(400);
  });
});

const xliff12 = (units: string, version = '1.2') => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="${version}" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="page.html" source-language="ar" target-language="en" datatype="html">
    <body>
${units}
    </body>
  </file>
</xliff>
`;
const xliff2 = (units: string, version = '2.0') => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="${version}" srcLang="ar" trgLang="en">
  <file id="f1">
${units}
  </file>
</xliff>
`;

async function pretranslate(xml: string) {
  const res = await request(ctx.app)
    .post('/api/v1/pretranslate?tgt=en')
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  const output = res.text;
  return { output, doc: parseXliff(output), totals: JSON.parse(String(res.headers['x-mizan-segments'])) };
}

describe('XLIFF pretranslation writes every inline code of the source into the target', () => {
  it('1.2: a TM target without the file’s <g>, <x/> or %s gets them, marked for review', async () => {
    const { output, doc, totals } = await pretranslate(
      xliff12(
        [
          `      <trans-unit id="g"><source>وقد توصل <g id="1">الجانبان</g> إلى توافق واسع حول تعزيز التعاون العملي.</source></trans-unit>`,
          `      <trans-unit id="x"><source><x id="1"/>${CONSENSUS.ar}</source></trans-unit>`,
          `      <trans-unit id="s"><source>أرسل %s رسالة إلى الفريق</source></trans-unit>`,
          `      <trans-unit id="plain"><source>${CONSENSUS.ar}</source></trans-unit>`,
        ].join('\n'),
      ),
    );
    const review = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';
    expect(output).toContain(`${review}${CONSENSUS.en}<g id="1"></g></target>`);
    expect(output).toContain(`${review}${CONSENSUS.en}<x id="1"/></target>`);
    expect(output).toContain(`${review}Ahmed sent a message to the team %s</target>`);
    expect(output).toContain(`<target state="translated" state-qualifier="exact-match">${CONSENSUS.en}</target>`);
    expect(totals).toEqual({
      filled: 1,
      confirmed: 0,
      'no-match': 0,
      placeables: 3,
      unmappable: 0,
      empty: 0,
    });
    // Parsed back: well-formed, every code of each source in its target.
    for (const segment of doc.segments) {
      expect(segment.target!.codes.map((c) => c.xml)).toEqual(segment.codes.map((c) => c.xml));
    }
  });

  it('2.0: a missing <ph/> or <pc> goes into the target, the segment initial and its match one point lower', async () => {
    const { output, doc, totals } = await pretranslate(
      xliff2(
        [
          `    <unit id="u1">\n      <segment>\n        <source><ph id="1"/>${CONSENSUS.ar}</source>\n      </segment>\n    </unit>`,
          `    <unit id="u2">\n      <segment>\n        <source>وقد توصل <pc id="1">الجانبان</pc> إلى توافق واسع حول تعزيز التعاون العملي.</source>\n      </segment>\n    </unit>`,
        ].join('\n'),
      ),
    );
    expect(output).toContain(`<target>${CONSENSUS.en}<ph id="1"/></target>`);
    expect(output).toContain(`<target>${CONSENSUS.en}<pc id="1"></pc></target>`);
    expect(doc.segments.map((s) => s.state)).toEqual(['initial', 'initial']);
    expect(totals).toMatchObject({ filled: 0, placeables: 2 });
    // The TM's 99 (the file's code is one punctuation mark more) less one point per code put in.
    expect([...output.matchAll(/<mtc:match ref="#s1" type="tm" similarity="(\d+)"/g)].map((m) => m[1])).toEqual([
      '98',
      '97',
    ]);
    for (const segment of doc.segments) {
      expect(segment.target!.codes.map((c) => c.xml)).toEqual(segment.codes.map((c) => c.xml));
    }
  });

  it('accepts XLIFF 1.0–1.2 and 2.0–2.2, and refuses any other version', async () => {
    const unit1 = `      <trans-unit id="1"><source>${CONSENSUS.ar}</source></trans-unit>`;
    const unit2 = `    <unit id="1"><segment><source>${CONSENSUS.ar}</source></segment></unit>`;
    for (const v of ['1.0', '1.1', '1.2']) await pretranslate(xliff12(unit1, v));
    for (const v of ['2.0', '2.1', '2.2']) await pretranslate(xliff2(unit2, v));
    const refused = [xliff2(unit2, '3.0'), xliff2(unit2, '2.9'), xliff12(unit1, 'banana'), xliff12(unit1, '')];
    for (const xml of refused) {
      const res = await request(ctx.app)
        .post('/api/v1/pretranslate?tgt=en')
        .set('Content-Type', 'application/xliff+xml')
        .send(xml)
        .expect(400);
      expect(res.body.error.code).toBe('XLIFF_VERSION_UNSUPPORTED');
    }
  });
});

describe('XLIFF pretranslation writes no printf placeholder the source lacks', () => {
  it('writes the source’s text, or nothing, at a TM target’s stray %s: 1.2 target and alt-trans, 2.x mtc:match', async () => {
    await ctx.tm.createUnit('main', { ar: 'انقر على الزر %s لحفظ الملف', en: 'Click the %s button to save the file' });
    await ctx.tm.createUnit('main', { ar: 'انقر على الزر لفتح الملف', en: 'Click the button to open the file' });
    const blue = 'انقر على الزر الأزرق لحفظ الملف';
    const v12 = await pretranslate(
      xliff12(
        [
          `      <trans-unit id="s1"><source>${blue}</source></trans-unit>`,
          `      <trans-unit id="s2"><source>انقر على الزر <x id="1"/> لحفظ الملف</source></trans-unit>`,
        ].join('\n'),
      ),
    );
    const v2 = await pretranslate(
      xliff2(`    <unit id="u1"><segment id="s1"><source>${blue}</source></segment></unit>`),
    );
    for (const { output } of [v12, v2]) expect(output).not.toMatch(/<target[^>]*>[^<]*%s/);
    // The TM's source may show it (it is the TM's); no target written may: the source's word takes its place.
    expect(v2.output).toContain(
      '<source>انقر على الزر %s لحفظ الملف</source><target>Click the الأزرق button to save the file</target></mtc:match>',
    );
    // Where the source has its own code, nothing of its text is there: the %s is left out, the code kept.
    expect(v12.output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">Click the button to save the file<x id="1"/></target>',
    );
    expect(v12.output).toContain(
      `<source>${blue}</source><target state="needs-review-translation" state-qualifier="fuzzy-match">Click the الأزرق button to save the file</target>`,
    );
    expect(v12.totals).toMatchObject({ placeables: 2 });
    expect(v2.doc.segments[0]).toMatchObject({
      state: 'initial',
      target: { text: 'Click the الأزرق button to save the file' },
    });
  });
});
