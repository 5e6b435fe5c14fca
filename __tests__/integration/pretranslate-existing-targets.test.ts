/**
 * POST /api/v1/pretranslate and `npm run xliff -- pretranslate` with files that already have targets: a target
 * without text is filled (Okapi's empty segment markers), one with text and no state is a person's and is kept.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { lineDiff } from '../helpers/xliff-fixtures';

const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;
let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-targets-'));
  ctx = await createTestContext({ prefix }); // the seed TM (tm/), under the prefix the CLI is given
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SEED = {
  title: {
    ar: 'وزير الخارجية الصيني يجري محادثات مع دبلوماسيين كبار من دول آسيا الوسطى',
    en: 'Chinese Foreign Minister Holds Talks with Senior Diplomats of Central Asian Countries',
  },
  consensus: {
    ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
    en: 'The two sides reached broad consensus on strengthening practical cooperation.',
  },
  centers: {
    ar: 'وستعمل الصين مع قيرغيزستان وطاجيكستان وتركمانستان في إنشاء مراكز ثقافية.',
    en: 'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to establish cultural centers.',
  },
};

/** What Okapi Rainbow writes: segmented sources, targets of empty segment markers, `state` as given. */
const okapi = (state: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
<file original="news.html" source-language="ar" target-language="en" datatype="x-text/html" okp:inputEncoding="UTF-8">
<body>
<trans-unit id="tu1" resname="title" xml:space="preserve">
<source xml:lang="ar">${SEED.title.ar}</source>
<seg-source><mrk mid="0" mtype="seg">${SEED.title.ar}</mrk></seg-source>
<target xml:lang="en"${state}><mrk mid="0" mtype="seg"></mrk></target>
</trans-unit>
<trans-unit id="tu2" xml:space="preserve">
<source xml:lang="ar">${SEED.consensus.ar} ${SEED.centers.ar}</source>
<seg-source><mrk mid="0" mtype="seg">${SEED.consensus.ar}</mrk> <mrk mid="1" mtype="seg">${SEED.centers.ar}</mrk></seg-source>
<target xml:lang="en"${state}><mrk mid="0" mtype="seg"></mrk> <mrk mid="1" mtype="seg"></mrk></target>
</trans-unit>
<trans-unit id="tu3" xml:space="preserve">
<source xml:lang="ar">${SEED.centers.ar}</source>
<seg-source><mrk mid="0" mtype="seg">${SEED.centers.ar}</mrk></seg-source>
<target xml:lang="en" state="final"><mrk mid="0" mtype="seg">My own confirmed translation.</mrk></target>
</trans-unit>
</body>
</file>
</xliff>
`;

async function pretranslate(xml: string, query = '') {
  const res = await request(ctx.app)
    .post(`/api/v1/pretranslate${query}`)
    .set('Content-Type', 'application/xliff+xml')
    .send(xml)
    .expect(200);
  return { output: res.text, totals: JSON.parse(String(res.headers['x-mizan-segments'])) as Record<string, number> };
}

describe('an Okapi XLIFF 1.2 file whose targets hold only empty segment markers', () => {
  it('is filled per segment without a state as with state="new", the rest of the file byte for byte', async () => {
    const stateless = await pretranslate(okapi(''));
    const stateNew = await pretranslate(okapi(' state="new"'));
    expect(stateless.totals).toEqual({
      filled: 3,
      confirmed: 1,
      'no-match': 0,
      placeables: 0,
      unmappable: 0,
      empty: 0,
    });
    expect(stateless.output).toBe(stateNew.output);
    const { removed, added } = lineDiff(okapi(''), stateless.output);
    // Only the two empty targets changed, each filled segment followed by mizan's record of what it wrote there.
    expect(removed).toHaveLength(2);
    const record = (mid: number, { ar, en }: { ar: string; en: string }) =>
      `<alt-trans alttranstype="accepted" match-quality="100" origin="mizan" mid="${mid}"><source>${ar}</source>` +
      `<target>${en}</target></alt-trans>`;
    expect(added).toEqual([
      `<target xml:lang="en" state="translated" state-qualifier="exact-match"><mrk mid="0" mtype="seg">${SEED.title.en}</mrk></target>`,
      record(0, SEED.title),
      `<target xml:lang="en" state="translated" state-qualifier="exact-match"><mrk mid="0" mtype="seg">${SEED.consensus.en}</mrk> <mrk mid="1" mtype="seg">${SEED.centers.en}</mrk></target>`,
      record(0, SEED.consensus),
      record(1, SEED.centers),
    ]);
  });

  it('is filled the same way by npm run xliff -- pretranslate', () => {
    const file = path.join(dir, 'okapi.xlf');
    fs.writeFileSync(file, okapi(''));
    const result = runScript('xliff', prefix, 'pretranslate', file, '--out', path.join(dir, 'okapi.out.xlf'));
    expect(result.stderr).toContain('3 filled, 1 confirmed, 0 no-match');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'okapi.out.xlf'), 'utf8')).toContain(
      `<mrk mid="0" mtype="seg">${SEED.consensus.en}</mrk> <mrk mid="1" mtype="seg">${SEED.centers.en}</mrk></target>`,
    );
  }, 30_000);
});

describe('an XLIFF 2.0 segment whose target has text and no state', () => {
  const xliff = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>${SEED.consensus.ar}</source>
        <target>Both parties agreed broadly on practical cooperation (human translation).</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s2" state="initial">
        <source>${SEED.centers.ar}</source>
        <target>An early draft.</target>
      </segment>
    </unit>
  </file>
</xliff>
`;

  it('is kept as a person’s translation unless overwrite=1; an initial one with text is filled', async () => {
    const kept = await pretranslate(xliff);
    expect(kept.totals).toMatchObject({ filled: 1, confirmed: 1 });
    expect(kept.output).toContain(
      `<segment id="s1">\n        <source>${SEED.consensus.ar}</source>\n        <target>Both parties agreed broadly`,
    );
    expect(kept.output).toContain(`<target>${SEED.centers.en}</target>`);
    const overwritten = await pretranslate(xliff, '?overwrite=1');
    expect(overwritten.totals).toMatchObject({ filled: 2, confirmed: 0 });
    expect(overwritten.output).toContain(`<segment id="s1" state="translated">`);
    expect(overwritten.output).toContain(`<target>${SEED.consensus.en}</target>`);
  });
});

describe('an XLIFF 1.2 seg-source unit with a translator’s segment next to an empty one', () => {
  // The tester's segloss.xlf, with a segment the seed TM matches fuzzily (its sentence without the last word).
  const fuzzy = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون';
  const xliff = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1" approved="yes">
    <source>${fuzzy} ${SEED.centers.ar}</source>
    <seg-source><mrk mtype="seg" mid="1">${fuzzy}</mrk> <mrk mtype="seg" mid="2">${SEED.centers.ar}</mrk></seg-source>
    <target state="translated"><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2">Keep my edits (human)</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>
`;

  it('keeps the translator’s segment on every run without overwrite=1, the fuzzy fill marked for review', async () => {
    const run1 = await pretranslate(xliff);
    expect(run1.totals).toMatchObject({ filled: 1, confirmed: 1 });
    expect(run1.output).toContain(`<trans-unit id="1" approved="no">`);
    expect(run1.output).toMatch(
      /<target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">[^<]+<\/mrk> <mrk mtype="seg" mid="2">Keep my edits \(human\)<\/mrk><\/target>/,
    );
    const run2 = await pretranslate(run1.output);
    expect(run2.totals).toMatchObject({ filled: 1, confirmed: 1 });
    expect(run2.output).toBe(run1.output);
    const overwritten = await pretranslate(run1.output, '?overwrite=1');
    expect(overwritten.output).toContain(`<mrk mtype="seg" mid="2">${SEED.centers.en}</mrk>`);
  });
});
