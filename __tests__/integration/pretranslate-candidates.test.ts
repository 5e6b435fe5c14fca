import request from 'supertest';
import { parseXliff } from '../../src/formats';
import { childElements } from '../../src/formats/xliff-xml';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false, config: { minFloor: 0 } });
  // Two renderings stored as plain text: neither has the file's placeholder nor its line break.
  await ctx.tm.createUnit('main', { ar: 'تم حذف الملفات من المجلد', en: 'The files were deleted from the folder' });
  await ctx.tm.createUnit('main', {
    ar: 'تم حذف الملفات من المجلد الرئيسي',
    en: 'The files were deleted from the main folder',
  });
});
afterAll(() => ctx.close());

// What po2xliff writes for a C string with a printf placeholder, with a 1.2 line-break code added by a filter.
const FILE = `<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="files.po" source-language="ar" target-language="en" datatype="po">
    <body>
      <trans-unit xml:space="preserve" id="1" approved="no"><source>تم حذف %d من الملفات من المجلد<x id="1" ctype="lb"/></source>
        <context-group name="po-reference" purpose="location"><context context-type="sourcefile">src/files.c</context></context-group>
      </trans-unit>
    </body>
  </file>
</xliff>
`;

describe('POST /api/v1/pretranslate: every candidate carries the source’s codes and placeholders', () => {
  it('completes the target and each alt-trans from the TM the same way, one point off per repair', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate?min=40')
      .set('Content-Type', 'application/xliff+xml')
      .send(FILE)
      .expect(200);
    const output = String(res.text);
    const doc = parseXliff(output); // well-formed
    const unit = doc.units[0]!;
    expect(unit.altTrans).toHaveLength(1);
    const targets = [unit.target!, ...unit.altTrans.map((a) => childElements(a).find((c) => c.local === 'target')!)];
    // The codes are put in first (the line break at the end), then the placeholder after a space.
    expect(targets.map((el) => output.slice(el.openEnd, el.closeStart))).toEqual([
      'The files were deleted from the folder<x id="1" ctype="lb"/> %d',
      'The files were deleted from the main folder<x id="1" ctype="lb"/> %d',
    ]);
    const totals = JSON.parse(String(res.headers['x-mizan-segments']));
    expect(totals).toMatchObject({ placeables: 1 });
    const quality = Number(/<alt-trans match-quality="(\d+)"/.exec(output)![1]);
    const direct = await request(ctx.app)
      .get('/api/v1/match')
      // The placeholder is a placeable to the matcher, as a code is (xliff-placeholders.ts): no word in the score.
      .query({ q: 'تم حذف \uE000 من الملفات من المجلد', tgt: 'en', min: 40 })
      .expect(200);
    const tmScore = direct.body.matches.find((m: { targets: { en: string } }) => m.targets.en.includes('main')).score;
    expect(quality).toBe(tmScore - 2); // the placeholder and the line break put in
  });
});

// What po2xliff writes without a template: en-US declared over Arabic sources; `%d` where the TM had a number.
const EN_US = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">
  <file original="news.po" source-language="en-US" datatype="plaintext">
    <body>
      <trans-unit xml:space="preserve" id="1"><source>وصل %d وزيرا إلى شيان يوم الأربعاء</source>
        <target></target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;

describe('POST /api/v1/pretranslate: a po2xliff file without a template', () => {
  beforeAll(async () => {
    await ctx.tm.createUnit('main', {
      ar: 'وصل 5 وزراء إلى شيان يوم الأربعاء',
      en: 'Five ministers (5 in all) arrived in Xi’an on Wednesday',
    });
    await ctx.tm.createUnit('main', {
      ar: 'وصل 12 وزيرا إلى شيان يوم الأربعاء',
      en: '12 ministers arrived in Xi’an on Wednesday',
    });
  });

  it('reads its Arabic as Arabic, says so, and puts %d where the TM had the number', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate?tgt=en&min=40')
      .set('Content-Type', 'application/xliff+xml')
      .send(EN_US)
      .expect(200);
    expect(JSON.parse(String(res.headers['x-mizan-languages']))).toEqual({
      src: 'ar',
      tgt: 'en',
      declaredSrc: 'en-US',
    });
    const output = String(res.text);
    const unit = parseXliff(output).units[0]!;
    expect(output.slice(unit.target!.openEnd, unit.target!.closeStart)).toBe(
      '%d ministers arrived in Xi’an on Wednesday',
    );
    expect(output).toContain('state="needs-review-translation"');
    // The other candidate too: its source has the 5 after the query's word before %d, its target the 5 once.
    expect(output).toContain('<target>Five ministers (%d in all) arrived in Xi’an on Wednesday</target>');
  });
});
