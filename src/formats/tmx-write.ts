/**
 * Writes aligned documents as TMX 1.4b: one `tu` per row with one `tuv` per language that has text (ar first, the
 * source), document metadata as header `prop`s and row placement as `tu` `prop`s, so a file is self-describing
 * and reads back into the same documents. Output validates against the TMX 1.4b DTD.
 */
import { LANGS, type AlignedDocument } from '../types';
import { escapeAttr, escapeText, tmxDate } from './xml';

export const TMX_TOOL = 'mizan';

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

/** Document-level props carried per document id so one file may hold several documents. */
function metaProps(doc: AlignedDocument, indent: string): string {
  const { meta } = doc;
  let out = '';
  const base = `x-doc:${meta.id}:`;
  for (const lang of LANGS) out += prop(indent, `${base}title-${lang}`, meta.titles[lang]);
  out += prop(indent, `${base}source`, meta.source);
  out += prop(indent, `${base}date`, meta.date);
  if (meta.url) out += prop(indent, `${base}url`, meta.url);
  out += prop(indent, `${base}order`, String(meta.order));
  return out;
}

export function writeTmx(documents: readonly AlignedDocument[], options: TmxWriteOptions): string {
  const attrs = [
    `creationtool="${TMX_TOOL}"`,
    `creationtoolversion="${escapeAttr(options.toolVersion)}"`,
    'segtype="sentence"',
    `o-tmf="${TMX_TOOL}"`,
    'adminlang="en"',
    'srclang="ar"',
    'datatype="plaintext"',
    'o-encoding="UTF-8"',
  ];
  if (options.creationDate) attrs.push(`creationdate="${tmxDate(options.creationDate)}"`);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n';
  const props = options.documentProps === false ? '' : documents.map((doc) => metaProps(doc, '    ')).join('');
  out += props ? `  <header ${attrs.join(' ')}>\n${props}  </header>\n` : `  <header ${attrs.join(' ')}/>\n`;
  out += '  <body>\n';
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
