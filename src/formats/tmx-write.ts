/**
 * Writes aligned documents as TMX 1.4b: one `tu` per row with one `tuv` per language that has text (ar first, the
 * source), document metadata as header `prop`s and row placement as `tu` `prop`s, so a file is self-describing
 * and reads back into the same documents. Output validates against the TMX 1.4b DTD.
 */
import { LANGS, type AlignedDocument } from '../types';
import { TMX_TOOL } from './tmx-model';
import { documentProps, tmxHead } from './tmx-stream-write';
import { escapeAttr, escapeText } from './xml';

export { TMX_TOOL };

export interface TmxWriteOptions {
  /** creationtoolversion. */
  toolVersion: string;
  /** Header creationdate; omitted when not given so that output is reproducible. */
  creationDate?: Date;
  /** Id of each row (tuid); omitted when not given. */
  unitId?: (documentId: string, position: number) => string;
  /** Write document metadata as header props (default true; the seed keeps it in tm/manifest.json instead). */
  documentProps?: boolean;
}

const prop = (indent: string, type: string, value: string) =>
  `${indent}<prop type="${escapeAttr(type)}">${escapeText(value)}</prop>\n`;

export function writeTmx(documents: readonly AlignedDocument[], options: TmxWriteOptions): string {
  const headerProps = options.documentProps === false ? [] : documents.flatMap((doc) => documentProps(doc.meta));
  let out = tmxHead({ toolVersion: options.toolVersion, creationDate: options.creationDate, headerProps });
  for (const doc of documents) {
    for (const seg of doc.segments) {
      const tuid = options.unitId ? ` tuid="${escapeAttr(options.unitId(doc.meta.id, seg.position))}"` : '';
      out += `    <tu${tuid} srclang="ar">\n`;
      out += prop('      ', 'x-document', doc.meta.id);
      out += prop('      ', 'x-position', String(seg.position));
      out += prop('      ', 'x-paragraph', String(seg.paragraph));
      if (seg.confidence !== undefined && seg.confidence < 1)
        out += prop('      ', 'x-confidence', String(seg.confidence));
      if (seg.review) out += prop('      ', 'x-review', 'true');
      for (const lang of LANGS) {
        if (seg[lang] === '') continue;
        out += `      <tuv xml:lang="${lang}"><seg>${escapeText(seg[lang])}</seg></tuv>\n`;
      }
      out += '    </tu>\n';
    }
  }
  out += '  </body>\n</tmx>\n';
  return out;
}
