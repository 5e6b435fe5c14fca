/**
 * Pretranslation and analysis use cases: XLIFF files and i18next resources filled from the TM, and i18next export.
 * The pure work is in src/formats (pretranslate, analyze, i18next-*); this layer plugs the matcher in as their
 * `Lookup` and parses languages.
 *
 * Every lookup is one `MatchRequest` answered as the API answers it (`TranslationMemory.match`): `src` is the file's
 * source language and `tgt` its target, so a file in English with a Chinese target is matched on the units' English
 * and answered with their Chinese: the unit, whose pivot is the Arabic, links the two. An XLIFF file's lookups go
 * XLIFF_BATCH at a time through `TranslationMemory.matchBatch` (what `/api/v1/match/batch` runs): the TMs are
 * brought up to date once per batch (a Redis round trip under `strict` freshness, which the CLIs use) instead of
 * once per segment, so a file of 51,000 segments waits on a hundred round trips, not 51,000.
 * Segments without words, or longer than the longest query, are not looked up. The work gives the event loop back
 * every SLICE_MS (a batch: BATCH_SLICE_MS) so that a large file does not hold other requests up.
 *
 * Placeables: a query holds the file's inline codes as U+E000 + k (and, for XLIFF, its placeholders, printf ones
 * included, after them: formats/xliff-placeholders.ts); a TM text may hold its own (TMX codes kept as
 * private-use characters), numbered in its own segment. formats/tm-codes.ts renumbers them onto the query's (by
 * order), and places a TM code the query lacks: the query's text in its place, or nothing where the query has
 * nothing, or the candidate says it cannot be written (`tmOnly.unplaced`).
 * The matcher counts differently numbered codes as a one-point punctuation difference; a candidate whose source,
 * renumbered, is the query itself scores 100 — never one with a code the query lacks (the code is a difference).
 */
import { ErrorCode, MizanError } from '../errors';
import {
  type Analysis,
  type BatchLookup,
  type Candidate,
  type Lookup,
  type LookupQuery,
  type PretranslateReport,
  type XliffDocument,
  analyzeXliff as analyzeDocument,
  encodeXml,
  languageOf,
  mapTmCodes,
  parseLanguageTag,
  parseXliff,
  pretranslateXliff as pretranslateDocument,
  requireLanguage,
} from '../formats';
import { tokenize } from '../normalize';
import type { Lang } from '../types';
import type { BatchSlot } from './match-batch';
import type { Match, MatchRequest } from './matching';
import { yieldLoop } from '../slices';

/**
 * Highest `min` a pretranslation takes: an XLIFF file's segments have neighbours, so 101 (context matches only)
 * means something; i18next keys have none, so their top is 100, as for /api/v1/match.
 */
export const MAX_MIN = { xliff: 101, i18next: 100 } as const;

/**
 * Checks a pretranslation's `min` against the floor (MIZAN_MIN_FLOOR) and its top, as the HTTP routes do, for the
 * command-line tools: MIN_OUT_OF_RANGE with the same parameters, hence the same message.
 */
export function requireMin(value: number, floor: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < floor || value > max)
    throw new MizanError(ErrorCode.MIN_OUT_OF_RANGE, { param: 'min', value: String(value), min: floor, max });
  return value;
}

/** The one match function (TranslationMemory.match). */
export type MatchFn = (request: MatchRequest) => Promise<Match[]>;

/** The same for several requests, the TMs brought up to date once (TranslationMemory.matchBatch). */
export type BatchMatchFn = (requests: readonly MatchRequest[]) => Promise<BatchSlot[]>;

/**
 * Segments looked up per batch: enough that the round trip of bringing the TMs up to date is paid once per hundreds
 * of segments, few enough that one batch's queries and answers are a small part of a large file's memory (the
 * answers are kept per distinct segment anyway).
 */
export const XLIFF_BATCH = 500;

/** A long file gives the event loop back after this much matching. */
export const SLICE_MS = 10;

export interface LookupOptions {
  /** TMs to search, by priority. */
  tms: readonly string[];
  /** Segments longer than this (characters) are not looked up. */
  maxQueryChars: number;
}

export interface XliffRequest extends LookupOptions {
  /** Language tags as the client wrote them (`?src=`, `?tgt=`); the file's are used when absent. */
  src?: string;
  tgt?: string;
}

export interface XliffPretranslateRequest extends XliffRequest {
  /** @default 75 */
  min?: number;
  /** Replace confirmed targets too. @default false */
  overwrite?: boolean;
}

export interface XliffPretranslation {
  /** The file, in the input's encoding and BOM. */
  output: Uint8Array;
  encoding: string;
  report: PretranslateReport;
}

const PUA = /[\uE000-\uF8FF]/g;

/** A text worth asking the TM about: not longer than the longest query, and with a word outside its codes. */
function lookable(text: string, options: LookupOptions): boolean {
  return text.length <= options.maxQueryChars && tokenize(text.replace(PUA, ' ')).length > 0;
}

function matchRequest({ text, src, context }: LookupQuery, options: LookupOptions): MatchRequest {
  const { tgt, min, limit, prev, next } = context;
  return {
    q: text,
    src,
    tgt: [tgt],
    min,
    limit,
    tms: options.tms,
    ...(prev !== undefined && { prev }),
    ...(next !== undefined && { next }),
  };
}

/** A query's matches as candidates: targets in `tgt` only, placeables renumbered onto the query's (tm-codes.ts). */
function candidates(text: string, tgt: Lang, matches: readonly Match[]): Candidate[] {
  return matches.flatMap((m): Candidate[] => {
    const target = m.targets[tgt];
    if (!target) return [];
    const { sourceText, targetText, tmOnly } = mapTmCodes(text, m.source.text, target);
    // The matcher sees codes numbered apart as a punctuation difference; once renumbered they are the same text.
    const same = m.score >= 95 && m.score < 100 && sourceText === text && !tmOnly;
    const score = same ? 100 : m.score;
    const adapted = m.adaptedTargets?.[tgt];
    return [
      {
        score,
        targetText,
        sourceText,
        unitId: m.unitId,
        ...(adapted !== undefined && { adapted }),
        ...(tmOnly && { tmOnly }),
      },
    ];
  });
}

/** The TM as the formats modules' `Lookup`: one match request per call, targets in `tgt` only. */
export function tmLookup(match: MatchFn, options: LookupOptions): Lookup {
  let slice = performance.now();
  return async (text, src, context) => {
    if (!lookable(text, options)) return [];
    if (performance.now() - slice > SLICE_MS) {
      await yieldLoop();
      slice = performance.now();
    }
    return candidates(text, context.tgt, await match(matchRequest({ text, src, context }, options)));
  };
}

/**
 * The TM as a batch lookup: up to XLIFF_BATCH queries per `matchBatch` call (which gives the event loop back between
 * its queries), the answers as `tmLookup` gives them. A query's own error (a TM that does not exist) fails the
 * whole, as it fails a lookup.
 */
export function tmBatchLookup(matchBatch: BatchMatchFn, options: LookupOptions): { batch: BatchLookup; size: number } {
  const batch: BatchLookup = async (queries) => {
    const asked = queries.filter((q) => lookable(q.text, options));
    const slots = asked.length === 0 ? [] : await matchBatch(asked.map((q) => matchRequest(q, options)));
    const answers = new Map<LookupQuery, Candidate[]>();
    asked.forEach((query, k) => {
      const slot = slots[k];
      if (!slot) throw new Error(`match batch answered ${slots.length} of ${asked.length} queries`);
      if ('error' in slot) throw slot.error;
      answers.set(query, candidates(query.text, query.context.tgt, slot.matches));
    });
    return queries.map((q) => answers.get(q) ?? []);
  };
  return { batch, size: XLIFF_BATCH };
}

/** The attributes that name a file's languages. */
const LANGUAGE_ATTRIBUTES: Record<1 | 2, [string, string]> = {
  1: ['source-language', 'target-language'],
  2: ['srcLang', 'trgLang'],
};

/**
 * The request's languages: `?src`/`?tgt` parsed (UNSUPPORTED_LANGUAGE naming the parameter), and every language the
 * file declares checked the same way (naming the attribute), before the formats module resolves and compares them.
 * A declared source is not checked when `src` overrides it.
 */
function requestLanguages(doc: XliffDocument, request: XliffRequest): { src?: Lang; tgt?: Lang } {
  const src = request.src ? requireLanguage(request.src, 'src') : undefined;
  const tgt = request.tgt ? requireLanguage(request.tgt, 'tgt') : undefined;
  const [srcAttr, tgtAttr] = LANGUAGE_ATTRIBUTES[doc.family];
  for (const file of doc.files) {
    for (const attr of src ? [tgtAttr] : [srcAttr, tgtAttr]) {
      const value = file.attrs[attr];
      if (value === undefined) continue;
      const parsed = parseLanguageTag(value);
      if ('unsupported' in parsed) {
        throw new MizanError(ErrorCode.UNSUPPORTED_LANGUAGE, {
          param: attr,
          value: parsed.unsupported,
          ...(parsed.variant && { variant: parsed.variant }),
        });
      }
    }
  }
  return { ...(src && { src }), ...(tgt && { tgt }) };
}

/** Fills an XLIFF file's targets from the TM (see formats/pretranslate.ts for states and suggestions). */
export async function pretranslateXliff(
  matchBatch: BatchMatchFn,
  input: Uint8Array,
  request: XliffPretranslateRequest,
): Promise<XliffPretranslation> {
  const doc = parseXliff(input);
  const languages = requestLanguages(doc, request);
  const { text, report } = await pretranslateDocument(doc, tmBatchLookup(matchBatch, request), {
    ...languages,
    parseLang: languageOf,
    ...(request.min !== undefined && { min: request.min }),
    ...(request.overwrite !== undefined && { overwrite: request.overwrite }),
  });
  return { output: encodeXml(text, doc.encoding, doc.bom), encoding: doc.encoding, report };
}

/** Segments and words per match band (see formats/analyze.ts). */
export async function analyzeXliff(
  matchBatch: BatchMatchFn,
  input: Uint8Array,
  request: XliffRequest,
): Promise<Analysis> {
  const doc = parseXliff(input);
  const languages = requestLanguages(doc, request);
  return analyzeDocument(doc, tmBatchLookup(matchBatch, request), { ...languages, parseLang: languageOf });
}
