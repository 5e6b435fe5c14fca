/**
 * Writes aligned documents as TMX 1.4b: one `tu` per row with one `tuv` per language that has text (ar first, the
 * source), document metadata as header `prop`s and row placement as `tu` `prop`s, so a file is self-describing
 * and reads back into the same documents. What a row's unit keeps of a TMX it came from — its `tuid`, `tu` and `tuv`
 * attributes, props, notes, language tags and inline codes — is written by the whole-TM export's writer
 * (tmx-stream-write.ts: tuStart, tuvXml), so a row is written as the whole-TM export writes its unit and reads back
 * as the same unit. Output validates against the TMX 1.4b DTD.
 */
import { LANGS, type AlignedDocument, type Lang } from '../types';
import { TMX_TOOL, type TmxTuInput, type TmxVariantInput } from './tmx-model';
import { documentProps, tmxHead, TMX_TAIL, TU_END, tuStart, tuvXml } from './tmx-stream-write';

export { TMX_TOOL };

/**
 * What a row's unit holds besides the row's texts and placement: the `tu`'s tuid and metadata, and per language the
 * `tuv`'s kept tag (written as `xml:lang`), metadata and the text's inline codes (placeable k ↔ U+E000 + k).
 */
export type RowUnitTmx = Pick<TmxTuInput, 'tuid' | 'attrs' | 'props' | 'notes'> & {
  langs?: Partial<Record<Lang, Omit<TmxVariantInput, 'text'>>>;
};

export interface TmxWriteOptions {
  /** creationtoolversion. */
  toolVersion: string;
  /** Header creationdate; omitted when not given so that output is reproducible. */
  creationDate?: Date;
  /** What each row's unit holds besides its texts and placement (no tuid, metadata or codes when not given). */
  unit?: (documentId: string, position: number) => RowUnitTmx | undefined;
  /** Write document metadata as header props (default true; the seed keeps it in tm/manifest.json instead). */
  documentProps?: boolean;
}

export function writeTmx(documents: readonly AlignedDocument[], options: TmxWriteOptions): string {
  const headerProps = options.documentProps === false ? [] : documents.flatMap((doc) => documentProps(doc.meta));
  let out = tmxHead({ toolVersion: options.toolVersion, creationDate: options.creationDate, headerProps });
  for (const doc of documents) {
    const id = doc.meta.id;
    for (const seg of doc.segments) {
      const { langs, ...tu } = options.unit?.(id, seg.position) ?? {};
      out += tuStart({
        ...tu,
        document: id,
        position: seg.position,
        paragraph: seg.paragraph,
        ...(seg.confidence !== undefined && seg.confidence < 1 && { confidence: seg.confidence }),
        ...(seg.review && { review: true }),
      });
      for (const lang of LANGS) {
        if (seg[lang] === '') continue;
        const variant = langs?.[lang];
        out += tuvXml({ ...variant, text: seg[lang] }, variant?.tag || lang);
      }
      out += TU_END;
    }
  }
  return out + TMX_TAIL;
}
