/**
 * A document's TMX (GET /api/v1/documents/:id?format=tmx) writes each row's unit with the TMX metadata the unit keeps
 * (tuid, tu and tuv attributes, props, notes, kept language tags, codes), as the whole-TM export writes it; a row whose
 * unit has no tuid of its own is named by its unit id, which an import into the same TM does not take as metadata.
 * So the file, imported back into its TM, leaves every unit as it was.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { dtdErrors } from '../helpers/tmx';
import { allUnits, exportTmx, importDone, TMX_FOOT, TMX_HEAD } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const TM = 'doc-meta';
const AR = [
  'وصل الوفد إلى العاصمة صباح اليوم.',
  'وقع الجانبان اتفاقية للتعاون التجاري.',
  'اختتمت الزيارة بمؤتمر صحفي.',
];
const EN = [
  'The delegation arrived in the capital this morning.',
  'The two sides signed an agreement on trade cooperation.',
  'The visit ended with a press conference.',
];

/** A tu naming row `position` of `doc`, with every kind of metadata a TMX carries and inline codes. */
const rowTu = (doc: string, position: number) =>
  `<tu tuid="t-${position}" creationdate="20230102T030405Z" creationid="alice" changedate="20230203T040506Z" ` +
  `changeid="bob" usagecount="${position + 3}">` +
  `<note>checked by alice &amp; bob</note><prop type="x-document">${doc}</prop>` +
  `<prop type="x-position">${position}</prop><prop type="client">ACME</prop>` +
  `<tuv xml:lang="ar-SA" creationid="alice"><prop type="x-origin">tm</prop>` +
  `<seg><bpt i="1">&lt;b&gt;</bpt>${AR[position]}<ept i="1">&lt;/b&gt;</ept></seg></tuv>` +
  `<tuv xml:lang="en-GB"><note>British spelling</note>` +
  `<seg><bpt i="1">&lt;b&gt;</bpt>${EN[position]}<ept i="1">&lt;/b&gt;</ept><ph x="2">{0}</ph></seg></tuv></tu>\n`;

/** The `tu` whose tuid is `tuid` in a TMX file. */
const tuOf = (tmx: string, tuid: string) => new RegExp(`    <tu tuid="${tuid}"[^]*?</tu>\n`).exec(tmx)?.[0];

describe('a document exported as TMX whose rows are units a TMX brought with metadata', () => {
  it('writes each unit’s own metadata as the TM’s export does, reads back into the same units, and is DTD-valid', async () => {
    const created = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ tm: TM, ar: AR.join(' '), en: EN.join(' ') })
      .expect(201);
    const id = created.body.id as string;
    const rows = created.body.segments as { unitId: string; ar: string }[];
    expect(rows.map((r) => r.ar)).toEqual(AR);
    await importDone(ctx.app, TM, TMX_HEAD + rowTu(id, 0) + rowTu(id, 1) + TMX_FOOT);
    const before = await allUnits(ctx.app, TM);
    expect(before.filter((u) => u.tmx?.tuid !== undefined)).toHaveLength(2);

    const tmx = (await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM, format: 'tmx' }).expect(200))
      .text;
    expect(dtdErrors(tmx)).toBe('');
    // Rows 0 and 1 as the whole TM's export writes their units, byte for byte; row 2 (no tuid) named by its unit id.
    const whole = await exportTmx(ctx.app, TM);
    for (const tuid of ['t-0', 't-1']) {
      expect(tuOf(tmx, tuid)).toContain('creationdate="20230102T030405Z"');
      expect(tuOf(tmx, tuid)).toBe(tuOf(whole, tuid));
    }
    expect(tuOf(tmx, 't-0')).toContain('<tuv xml:lang="ar-SA" creationid="alice">');
    expect(tuOf(tmx, rows[2]!.unitId)).toContain(`<seg>${AR[2]}</seg>`);

    const job = await importDone(ctx.app, TM, tmx);
    expect(job.units).toMatchObject({ written: 0, unchanged: 3 });
    expect(await allUnits(ctx.app, TM)).toEqual(before);
    expect((await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM, format: 'tmx' })).text).toBe(tmx);
  });
});
