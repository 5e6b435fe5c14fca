/**
 * Whole-TM export, streamed: units are read a page at a time (SSCAN, then one MULTI of EXISTS and MGET a page,
 * store/settled.ts) and written to the Writable as they come, waiting for it to drain, so memory stays constant
 * whatever the TM's size. TMX is written by formats/tmx-stream-write.ts (the shape every client we tested accepts;
 * lossless against the import), each unit from the bytes Redis answers where it allows it (tu-bytes.ts: escaped
 * byte to byte into the writer's chunk, nothing decoded to strings and encoded again), else from its fields as
 * strings; TSV holds unit id, document, position and the chosen languages, each placeable written as the plain
 * text it stands for (formats/tsv.ts, placeablesAsText: a line break, its native text, or a space between words).
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { TmxStreamWriter, escapeTsv, hasPlaceables, placeablesAsText, type InlineCode } from '../formats';
import { rowHash, unitRecord, type ImportStore } from '../store';
import { LANGS, type Lang } from '../types';
import { NO_ROOM, NOT_HERE, SKIP, TuBytes } from './tu-bytes';
import { cutValues, flaggedInDocument, newCuts, valueStrings } from './unit-bytes';
import { toTmxUnit } from './unit-fields';
import { readAhead } from './read-ahead';

export const TM_EXPORT_FORMATS = ['tmx', 'tsv'] as const;
export type TmExportFormat = (typeof TM_EXPORT_FORMATS)[number];

export interface TmExportOptions {
  format: TmExportFormat;
  /** Arabic and one or both targets (default all three). */
  langs?: readonly Lang[];
  /** TMX: also write the variants kept apart on import (Traditional Chinese, other languages). */
  apart?: boolean;
  toolVersion: string;
  /** Units read per Redis round trip. */
  page?: number;
  /** Told the units written so far, after each page. */
  progress?: (written: number) => void;
  /**
   * The review marks of a document (store/review-marks.ts: row-texts hash → when marked): a flagged unit whose row a
   * person marked reviewed is written without `x-review`, as the document's own export writes it.
   */
  reviewMarks?: (documentId: string) => Promise<ReadonlyMap<string, number>>;
}

/** Pages read ahead of the one being written: Redis reads while the client encodes. */
const PAGES_AHEAD = 3;

type Page<T> = (readonly [string, T])[];

/** The TM's unit ids, a SSCAN page at a time. */
async function* scanIds(store: ImportStore, tm: string, page: number): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const next = await store.unitPage(tm, cursor, page);
    cursor = next.cursor;
    if (next.ids.length > 0) yield next.ids;
  } while (cursor !== '0');
}

/**
 * Every stored unit of the TM, a page at a time, as `read` answers for the page's ids (undefined or null: a unit gone
 * meanwhile, left out), with up to PAGES_AHEAD pages asked for (read-ahead.ts): Redis reads the next pages while the
 * consumer encodes this one.
 */
function unitPages<T>(
  store: ImportStore,
  tm: string,
  page: number,
  read: (ids: readonly string[]) => Promise<readonly (T | null | undefined)[]>,
): AsyncGenerator<Page<T>> {
  const pageOf = async (ids: readonly string[]): Promise<Page<T>> => {
    const records = await read(ids);
    return ids.flatMap((id, i) => (records[i] ? [[id, records[i]] as const] : []));
  };
  return readAhead(scanIds(store, tm, page), pageOf, PAGES_AHEAD);
}

function write(out: Writable, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the export output was closed before the export ended'));
    out.on('drain', onDrain).on('close', onClose).on('error', done);
  });
}

/** Most documents whose review marks one export keeps at a time (each is read once while it is kept). */
const MARKED_DOCUMENTS = 1000;

/**
 * Whether a stored unit's row was marked reviewed in its document, the document's marks read once (and kept for the
 * next units of the same document); undefined without a way to read marks.
 */
function markedRows(read: TmExportOptions['reviewMarks']) {
  if (!read) return undefined;
  const kept = new Map<string, Promise<ReadonlyMap<string, number>>>();
  return async (h: Record<string, string>): Promise<boolean> => {
    if (!h.doc || !h.review || h.review === '0') return false;
    let marks = kept.get(h.doc);
    if (!marks) {
      if (kept.size >= MARKED_DOCUMENTS) kept.clear();
      kept.set(h.doc, (marks = read(h.doc)));
    }
    return (await marks).has(rowHash({ ar: h.ar ?? '', en: h.en ?? '', zh: h.zh ?? '' }));
  };
}

/** A unit's text in `lang` for a TSV cell: its placeables as plain text, read with their codes (`codes:<lang>`). */
function tsvText(h: Record<string, string>, lang: Lang): string {
  const text = h[lang] ?? '';
  if (!hasPlaceables(text)) return text;
  const codes = h[`codes:${lang}`];
  return placeablesAsText(text, codes ? (JSON.parse(codes) as InlineCode[]) : []);
}

/** Writes the TM to `out` and ends it; resolves with the units written and left out (no text in the languages). */
export async function exportTm(
  store: ImportStore,
  tm: string,
  out: Writable,
  options: TmExportOptions,
): Promise<{ written: number; skipped: number }> {
  const langs = LANGS.filter((lang) => !options.langs || options.langs.includes(lang));
  const page = options.page ?? 1000;
  if (options.format === 'tmx') {
    const writer = new TmxStreamWriter(out, {
      toolVersion: options.toolVersion,
      langs,
      keepTags: true,
      apart: options.apart ?? false,
      creationDate: new Date(),
    });
    const apart = options.apart ?? false;
    const cuts = newCuts();
    const tus = new TuBytes(langs, apart);
    const reviewed = markedRows(options.reviewMarks);
    const read = async (ids: readonly string[]) => ({ ids, records: await store.unitBytes(tm, ids) });
    // Ids and records side by side: no pair made a unit.
    for await (const { ids, records } of readAhead(scanIds(store, tm, page), read, PAGES_AHEAD)) {
      for (let u = 0; u < ids.length; u++) {
        const [id, bytes] = [ids[u]!, records[u]];
        if (!bytes) continue; // gone meanwhile
        // The unit written from its stored bytes into the writer's chunk (tu-bytes.ts); else as strings.
        const cut = cutValues(bytes, cuts);
        const marked = reviewed && cut && flaggedInDocument(bytes, cuts);
        let end = cut && !marked ? tus.write(writer.chunk, writer.chunkUsed, bytes, cuts) : NOT_HERE;
        if (end === NO_ROOM) {
          await writer.makeRoom();
          end = tus.write(writer.chunk, writer.chunkUsed, bytes, cuts);
        }
        if (end >= 0) writer.wrote(end);
        else if (end === SKIP) writer.skipped++;
        else {
          const h = cut ? unitRecord(valueStrings(bytes, cuts)) : (await store.unitRecords(tm, [id]))[0];
          if (h && reviewed && (await reviewed(h))) delete h.review;
          if (h) await writer.write(toTmxUnit(id, h));
        }
      }
      options.progress?.(writer.written);
    }
    await writer.end();
    return { written: writer.written, skipped: writer.skipped };
  }
  let written = 0;
  let skipped = 0;
  await write(out, ['unit_id', 'document', 'position', ...langs].join('\t') + '\n');
  for await (const units of unitPages(store, tm, page, (ids) => store.unitRecords(tm, ids))) {
    let text = '';
    for (const [id, h] of units) {
      const texts = langs.map((lang) => tsvText(h, lang));
      if (!texts[0] || texts.slice(1).every((t) => t === '')) {
        skipped++;
        continue;
      }
      written++;
      text += [id, h.doc ?? '', h.doc ? (h.pos ?? '0') : '', ...texts].map(escapeTsv).join('\t') + '\n';
    }
    if (text) await write(out, text);
    options.progress?.(written);
  }
  out.end();
  await finished(out);
  return { written, skipped };
}
