/** A two-row document, and an import that replaces a row's unit without writing the document (its rev stays). */
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { importDone, TMX_FOOT, TMX_HEAD } from './tm-import';

export const ROWS_AR = ['بدأت الأمطار الغزيرة مساء أمس.', 'أغلقت السلطات عدة طرق رئيسية.'];
export const ROWS_EN = ['Heavy rain began yesterday evening.', 'The authorities closed several main roads.'];

/** The document of ROWS_AR / ROWS_EN posted to `tm`: its id, rev and the unit id of each row. */
export async function twoRowDocument(app: RequestListener, tm: string) {
  const created = await request(app)
    .post('/api/v1/documents')
    .send({ tm, ar: ROWS_AR.join(' '), en: ROWS_EN.join(' ') })
    .expect(201);
  const segments = created.body.segments as { unitId: string }[];
  return { id: created.body.id as string, rev: created.body.rev as number, unitIds: segments.map((s) => s.unitId) };
}

/** A TMX import placing a unit of `ar` and `en` at row `position` of document `id`, in its place (waited for). */
export async function replaceRowByImport(
  app: RequestListener,
  tm: string,
  id: string,
  position: number,
  en: string,
): Promise<void> {
  await importDone(
    app,
    tm,
    TMX_HEAD +
      `<tu><prop type="x-document">${id}</prop><prop type="x-position">${position}</prop>` +
      `<tuv xml:lang="ar"><seg>${ROWS_AR[position]}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>\n` +
      TMX_FOOT,
  );
}
