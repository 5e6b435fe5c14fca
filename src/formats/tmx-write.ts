/**
 * Writes aligned documents as TMX 1.4b: one `tu` per row with one `tuv` per language that has text (ar first, the
 * source), document metadata as header `prop`s and row placement as `tu` `prop`s, so a file is self-describing
 * and reads back into the same documents. A row's inline codes (a row whose unit an import replaced by a `tu` with
 * codes) are written by the whole-TM export's writer (tmx-stream-write.ts), so that they read back as the same
 * codes. Output validates against the TMX 1.4b DTD.
 */
import { LANGS, type AlignedDocument, type Lang } from '../types';
import type { InlineCode } from './placeables';
import { TMX_TOOL } from './tmx-model';
import { documentProps, tmxHead, TU_END, tuStart, tuvXml } from './tmx-stream-write';

export { TMX_TOOL };

export interface TmxWriteOptions {
  /** creationtoolversion. */
  toolVersion: string;
  /** Header creationdate; omitted when not given so that output is reproducible. */
  creationDate?: Date;
  /** Id of each row (tuid); omitted when not given. */
  unitId?: (documentId: string, position: number) => string;
  /** The codes of a row's text in a language, when it holds placeables (U+E000 + k); none when not given. */
  codes?: (documentId: string, position: number, lang: Lang) => readonly InlineCode[] | undefined;
  /** Write document metadata as header props (default true; the seed keeps it in tm/manifest.json instead). */
  documentProps?: boolean;
}

export function writeTmx(documents: readonly AlignedDocument[], options: TmxWriteOptions): string {
  const headerProps = options.documentProps === false ? [] : documents.flatMap((doc) => documentProps(doc.meta));
  let out = tmxHead({ toolVersion: options.toolVersion, creationDate: options.creationDate, headerProps });
  for (const doc of documents) {
    const id = doc.meta.id;
    for (const seg of doc.segments) {
      out += tuStart({
        ...(options.unitId && { tuid: options.unitId(id, seg.position) }),
        document: id,
        position: seg.position,
        paragraph: seg.paragraph,
        ...(seg.confidence !== undefined && seg.confidence < 1 && { confidence: seg.confidence }),
        ...(seg.review && { review: true }),
      });
      for (const lang of LANGS) {
        if (seg[lang] === '') continue;
        const codes = options.codes?.(id, seg.position, lang);
        out += tuvXml({ text: seg[lang], ...(codes && { codes }) }, lang);
      }
      out += TU_END;
    }
  }
  out += '  </body>\n</tmx>\n';
  return out;
}
