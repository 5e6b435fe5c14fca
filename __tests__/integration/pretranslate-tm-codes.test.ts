/**
 * A TM unit that holds an inline code where the source has text (a name, a file name, `__name__` read as text):
 * every pretranslation path writes the source's text in the code's place, or writes nothing, never a draft that
 * silently lacks it ("Hello , welcome"); and such a unit is never an exact match.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parseXliff } from '../../src/formats';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { P } from '../helpers/xliff-fixtures';

let ctx: TestContext;
let dir: string;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-tm-codes-'));
  ctx = await createTestContext({ prefix });
  // Units as a TMX import keeps them: the name, the file name, the icon are codes.
  await ctx.tm.createUnit('main', { ar: `أهلا ${P(0)}، مرحبا بك`, en: `Hello ${P(0)}, welcome` });
  await ctx.tm.createUnit('main', {
    ar: `افتح الملف ${P(0)} من قائمة الإعدادات للمتابعة`,
    en: `Open the ${P(0)} file from the settings menu to continue`,
  });
  // The code follows a word the source does not have: which of the source's words stands for it cannot be told.
  await ctx.tm.createUnit('main', {
    ar: `شكرا لك يا صديقي ${P(0)} على مساعدتك`,
    en: `Thank you my friend ${P(0)} for your help`,
  });
  await ctx.tm.createUnit('main', {
    ar: `احفظ التغييرات قبل إغلاق النافذة${P(0)}`,
    en: `Save your changes before closing the window${P(0)}`,
  });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const GREETING = 'أهلا __name__، مرحبا بك';
const README = 'افتح الملف README من قائمة الإعدادات للمتابعة';
const THANKS = 'شكرا لك يا أحمد على مساعدتك';
const SAVE = 'احفظ التغييرات قبل إغلاق النافذة';

type KeyReport = { key: string; status: string; score?: number; tmScore?: number; codeText?: string[] };

describe('i18next pretranslation against a TM unit with a code where the source has text', () => {
  const resources = { greeting: GREETING, thanks: THANKS, save: SAVE };

  // The greeting's unit scores 75, 74 once its code gives way to the text: min applies after repairs, as for XLIFF.
  it('writes the source’s text in the code’s place, one point off; refuses what it cannot place', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: 'en', min: 70 })
      .expect(200);
    expect(res.body.resources.en).toEqual({
      greeting: 'Hello __name__, welcome',
      save: 'Save your changes before closing the window',
    });
    const report = res.body.report as KeyReport[];
    const of = (key: string) => report.find((r) => r.key === key)!;
    expect(of('greeting')).toMatchObject({ status: 'filled', codeText: ['__name__'] });
    expect(of('greeting').score).toBe(of('greeting').tmScore! - 1);
    expect(of('greeting').tmScore).toBeLessThan(100);
    // «my friend» where the source has «أحمد», and the code after it: «Thank you my friend  for your help» loses it.
    expect(of('thanks')).toMatchObject({ status: 'unmappable' });
    // The unit has a code the source lacks: not the source's text, so no exact match.
    expect(of('save')).toMatchObject({ status: 'filled', score: 99 });
  });

  it('does the same from the command line', () => {
    const source = path.join(dir, 'ar.json');
    fs.writeFileSync(source, JSON.stringify(resources));
    const out = path.join(dir, 'locales');
    const args = ['pretranslate', '--from', source, '--to', 'en', '--out', out, '--min', '70'];
    const result = runScript('i18next', prefix, ...args);
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'en.json'), 'utf8'))).toEqual({
      greeting: 'Hello __name__, welcome',
      save: 'Save your changes before closing the window',
    });
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { keys: KeyReport[] };
    expect(report.keys.find((k) => k.key === 'thanks')).toMatchObject({ status: 'unmappable' });
    expect(result.stderr).toContain('1 left untranslated');
  }, 30_000);
});

const xliff12 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="page.html" source-language="ar" target-language="en" datatype="html">
    <body>
${units}
    </body>
  </file>
</xliff>
`;
const xliff2 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
${units}
  </file>
</xliff>
`;

async function pretranslate(xml: string) {
  const res = await request(ctx.app)
    .post('/api/v1/pretranslate?tgt=en&min=75')
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  return { output: res.text, totals: JSON.parse(String(res.headers['x-mizan-segments'])) as Record<string, number> };
}

type SegmentReport = { status: string; score?: number; tmScore?: number; repaired?: { text?: string[] } };

describe('XLIFF pretranslation against a TM unit with a code where the source has text', () => {
  const sources = [README, THANKS, SAVE];

  it('1.2: the source’s text in the code’s place, for review; nothing written where it cannot be placed', async () => {
    const units = sources.map((s, i) => `      <trans-unit id="u${i}"><source>${s}</source></trans-unit>`);
    const { output, totals } = await pretranslate(xliff12(units.join('\n')));
    const review = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';
    expect(output).toContain(`${review}Open the README file from the settings menu to continue</target>`);
    expect(output).not.toContain('Thank you my friend');
    expect(output).toContain(`${review}Save your changes before closing the window</target>`);
    expect(totals).toMatchObject({ filled: 1, placeables: 1, unmappable: 1 });
  });

  it('2.x: the same: the source’s text in the code’s place, the segment initial; nothing where it cannot be placed', async () => {
    const units = sources.map(
      (s, i) => `    <unit id="u${i}"><segment id="s${i}"><source>${s}</source></segment></unit>`,
    );
    const { output } = await pretranslate(xliff2(units.join('\n')));
    const doc = parseXliff(output);
    expect(doc.segments.map((s) => s.target?.text)).toEqual([
      'Open the README file from the settings menu to continue',
      undefined,
      'Save your changes before closing the window',
    ]);
    expect(doc.segments.map((s) => s.state)).toEqual(['initial', undefined, 'initial']);
  });
});

describe('npm run xliff -- pretranslate against a TM unit with a code where the source has text', () => {
  it('writes the same targets and names the segment it left empty in its summary', () => {
    const units = [README, THANKS].map((s, i) => `      <trans-unit id="u${i}"><source>${s}</source></trans-unit>`);
    const input = path.join(dir, 'in.xlf');
    const out = path.join(dir, 'out.xlf');
    fs.writeFileSync(input, xliff12(units.join('\n')));
    const result = runScript('xliff', prefix, 'pretranslate', input, '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "1 unmappable (left empty: the TM's unit has a code or placeholder where the source has text), 0 empty",
    );
    const output = fs.readFileSync(out, 'utf8');
    expect(output).toContain('>Open the README file from the settings menu to continue</target>');
    expect(output).not.toContain('Thank you my friend');
  }, 30_000);
});

describe('the service layer’s report of such a segment', () => {
  it('counts the text put in as a repair and names the unit it refused', async () => {
    const units = [README, THANKS].map((s, i) => `      <trans-unit id="u${i}"><source>${s}</source></trans-unit>`);
    const { report } = await ctx.tm.pretranslateXliff(Buffer.from(xliff12(units.join('\n'))), {
      tms: ['main'],
      maxQueryChars: 2000,
      min: 75,
    });
    const [readme, thanks] = report.segments as SegmentReport[];
    expect(readme).toMatchObject({ status: 'placeables', repaired: { text: ['README'] } });
    expect(readme!.score).toBe(readme!.tmScore! - 1);
    expect(thanks).toMatchObject({ status: 'unmappable' });
    expect(thanks!.score).toBeGreaterThanOrEqual(75);
  });
});

describe('GET /api/v1/match against a TM unit with a code where the query has text', () => {
  it('answers the unit as stored, its code kept and its fuzzy score: it repairs nothing, so drops nothing', async () => {
    const res = await request(ctx.app).get('/api/v1/match').query({ q: GREETING, tgt: 'en' }).expect(200);
    const [best] = res.body.matches;
    expect(best).toMatchObject({
      source: { text: `أهلا ${P(0)}، مرحبا بك` },
      targets: { en: `Hello ${P(0)}, welcome` },
    });
    expect(best.score).toBeLessThan(100);
    const save = await request(ctx.app).get('/api/v1/match').query({ q: SAVE, tgt: 'en' }).expect(200);
    expect(save.body.matches[0]).toMatchObject({
      score: 99,
      targets: { en: `Save your changes before closing the window${P(0)}` },
    });
  });
});
