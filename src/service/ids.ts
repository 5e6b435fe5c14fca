/**
 * How mizan names what it stores, in one place. Ids are derived from what they name, never allotted, so the same
 * input always gets the same id: reloading a document rewrites the same units, adding the same Arabic again updates
 * its unit, importing the same triple twice is a no-op. The formulas are part of the stored data: changing one
 * strands every id made by the old one, so it takes a schema version step (DESIGN.md, "Schema version").
 */
import { createHash, hash } from 'node:crypto';
import { canonical } from '../normalize';
import type { DocumentToWrite } from '../store';
import type { AlignedDocument } from '../types';

/**
 * The one pattern of each kind of id a request may name; anything else is refused as it is (never trimmed or
 * folded into another id). Documents: what imports derive (`d` + 16 hex) and what seed manifests may name.
 */
export const DOCUMENT_ID = /^[A-Za-z0-9_.-]{1,128}$/;
/** Units: `u` + 20 hex digits (unitIdFor, standaloneUnitId). */
export const UNIT_ID = /^u[0-9a-f]{20}$/;
/** Import jobs: `j` + 16 hex digits (service/imports.ts). */
export const JOB_ID = /^j[0-9a-f]{16}$/;

/**
 * The first `hexDigits` hex digits of the SHA-256 of the text, as a string of their own (not a slice of the whole
 * digest, which would keep all 64 digits alive as long as the id: a merge of a million ids holds them all).
 */
const sha256 = (text: string, hexDigits: number) =>
  createHash('sha256')
    .update(text)
    .digest()
    .toString('hex', 0, hexDigits / 2);

/** An imported document: `d` + 16 hex digits of its texts (line endings and outer spaces aside). */
export function documentIdFor(ar: string, en = '', zh = ''): string {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return 'd' + sha256(`${norm(ar)}\u0000${norm(en)}\u0000${norm(zh)}`, 16);
}

/** A document row: `u` + 20 hex digits of its TM, document and position, whatever the row says. */
export function unitIdFor(tm: string, documentId: string, position: number): string {
  return 'u' + sha256(`${tm}\u0000${documentId}\u0000${position}`, 20);
}

/** A unit outside any document: `u` + 20 hex digits of its TM and its Arabic source (NFC, outer spaces aside). */
export function standaloneUnitId(tm: string, ar: string): string {
  return 'u' + sha256(`${tm}\u0000unit\u0000${canonical(ar)}`, 20);
}

/**
 * The 80 bits of `standaloneUnitId` as a 10-character string, one byte a character: the compact key under which an
 * import's merger keeps a million units (a third of the id's memory); `unitIdOfKey` gives the id back.
 */
export function standaloneUnitKey(tm: string, ar: string): string {
  // One-shot hashing (no Hash stream object) costs a quarter of createHash, which showed in profiles of a million-unit
  // import. 'binary' is Node's other name for latin1; a slice this short is a copy in V8, not a view that would keep
  // the 32-character digest alive.
  return hash('sha256', `${tm}\u0000unit\u0000${canonical(ar)}`, 'binary').slice(0, 10);
}

/**
 * The 80 bits of `unitIdFor` as a 10-character string, as {@link standaloneUnitKey}: the key under which an import
 * merges a `tu` that names its document and position (`x-document`, `x-position`), so that it is that row.
 */
export function documentUnitKey(tm: string, documentId: string, position: number): string {
  return hash('sha256', `${tm}\u0000${documentId}\u0000${position}`, 'binary').slice(0, 10);
}

export function unitIdOfKey(key: string): string {
  return 'u' + Buffer.from(key, 'latin1').toString('hex');
}

/** The document with each row's unit id, as the store writes it. */
export function withUnitIds(tm: string, doc: AlignedDocument): DocumentToWrite {
  return {
    meta: doc.meta,
    segments: doc.segments.map((row) => ({ ...row, unitId: unitIdFor(tm, doc.meta.id, row.position) })),
  };
}
