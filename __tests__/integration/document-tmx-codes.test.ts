/**
 * A document's TMX (GET /api/v1/documents/:id?format=tmx) writes the inline codes of its rows' units as the whole-TM
 * export does: a row whose unit an import replaced by a `tu` with codes (named by `x-document`/`x-position`) is
 * written with those codes, DTD-valid, and reads back as the same unit — never as private-use characters that a
 * re-import would take for other codes. Its TSV writes them as the whole TM's TSV does, as what they stand for.
 */
import request from 'supertest';
import { placeableChar as P } from '../../src/formats';
import { createTestContext, type TestContext } from '../helpers/context';
import { dtdErrors } from '../helpers/tmx';
import { allUnits, importDone, TMX_FOOT, TMX_HEAD, type UnitBody } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The seed document (in TM `main`). */
const SEED = 'ace54e57cd73f9de';

/** Row 2 of the seed document as a tool wrote it, with codes (a pair without i, numbered on import). */
const ROW =
  `<tu><prop type="x-document">${SEED}</prop><prop type="x-position">2</prop><prop type="x-paragraph">1</prop>` +
  '<tuv xml:lang="ar"><seg><bpt i="1">&lt;b&gt;</bpt>اضغط<ept i="1">&lt;/b&gt;</ept> هنا<ph x="2">{0}</ph></seg></tuv>' +
  '<tuv xml:lang="en"><seg><bpt>&lt;b&gt;</bpt>Press<ept>&lt;/b&gt;</ept> here<ph x="2">{0}</ph></seg></tuv>' +
  '</tu>\n';

const documentTmx = async () =>
  (await request(ctx.app).get(`/api/v1/documents/${SEED}`).query({ format: 'tmx' }).expect(200)).text;
const row2 = (units: Omit<UnitBody, 'unitId' | 'tm'>[]) =>
  units.find((u) => u.documentId === SEED && u.ar.includes('اضغط'))!;

describe('a document exported as TMX whose row holds inline codes', () => {
  it('writes the row’s codes, not its private-use characters, and the DTD accepts it', async () => {
    await importDone(ctx.app, 'main', TMX_HEAD + ROW + TMX_FOOT);
    const stored = row2(await allUnits(ctx.app, 'main'));
    expect(stored.ar).toBe(`${P(0)}اضغط${P(1)} هنا${P(2)}`);
    const tmx = await documentTmx();
    expect(tmx).toContain('<seg><bpt i="1">&lt;b&gt;</bpt>اضغط<ept i="1">&lt;/b&gt;</ept> هنا<ph x="2">{0}</ph></seg>');
    expect(tmx).toContain('<seg><bpt i="1">&lt;b&gt;</bpt>Press<ept i="1">&lt;/b&gt;</ept> here<ph x="2">{0}</ph>');
    expect(tmx).not.toMatch(/[\uE000-\uF8FF]/);
    expect(dtdErrors(tmx)).toBe('');
  });

  it('writes the row’s codes in the document’s TSV as what they stand for, as the whole TM’s TSV does', async () => {
    const tsv = (await request(ctx.app).get(`/api/v1/documents/${SEED}`).query({ format: 'tsv' }).expect(200)).text;
    const row = tsv.split('\n').find((line) => line.startsWith('2\t'))!;
    expect(row).toContain('\t<b>اضغط</b> هنا{0}\t<b>Press</b> here{0}\t');
    expect(tsv).not.toMatch(/[\uE000-\uF8FF]/);
  });

  it('reads back as the same codes: into the TM, the row and the document’s TMX unchanged; into another TM', async () => {
    const tmx = await documentTmx();
    const texts = ({ ar, en, zh, codes }: Omit<UnitBody, 'unitId' | 'tm'>) => ({ ar, en, zh, codes });
    const before = row2(await allUnits(ctx.app, 'main'));
    await importDone(ctx.app, 'main', tmx);
    // The row keeps its texts and codes (its unit id, the tuid the document's TMX names it by, is not kept as one).
    expect(texts(row2(await allUnits(ctx.app, 'main')))).toEqual(texts(before));
    expect(await documentTmx()).toBe(tmx);
    await importDone(ctx.app, 'doc-copy', tmx);
    const copy = (await allUnits(ctx.app, 'doc-copy')).find((u) => u.ar === before.ar)!;
    expect(copy.codes).toEqual(before.codes);
    expect(copy.en).toBe(before.en);
  });
});
