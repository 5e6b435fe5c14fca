/**
 * Pretranslation and analysis use cases: XLIFF files and i18next resources filled from the TM, and i18next export.
 * The pure work is in src/formats (pretranslate, analyze, i18next-*); this layer plugs the matcher in as their
 * `Lookup` and parses languages.
 *
 * Every lookup is one `MatchRequest` through the same match function the API uses (`TranslationMemory.match`):
 * `src` is the file's source language and `tgt` its target, so a file in English with a Chinese target is matched
 * on the units' English and answered with their Chinese: the unit, whose pivot is the Arabic, links the two.
 * Segments without words, or longer than the longest query, are not looked up. The work gives the event loop back
 * every SLICE_MS so that a large file does not hold other requests up.
 *
 * Placeables: a query holds the file's inline codes as U+E000 + k; a TM text may hold its own (TMX codes kept as
 * private-use characters), numbered in its own segment. formats/tm-codes.ts renumbers them onto the query's (by
 * order), and places a TM code the query lacks: the query's text in its place, or nothing where the query has
 * nothing, or the candidate says it cannot be written (`tmOnly.unplaced`).
 * The matcher counts differently numbered codes as a one-point punctuation difference; a candidate whose source,
 * renumbered, is the query itself scores 100 — never one with a code the query lacks (the code is a difference).
 */
import { ErrorCode, MizanError } from '../errors';
import {
  type Analysis,
  type Candidate,
  type Lookup,
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

/** The TM as the formats modules' `Lookup`: one match request per call, targets in `tgt` only. */
export function tmLookup(match: MatchFn, options: LookupOptions): Lookup {
  let slice = performance.now();
  return async (text, src, context) => {
    if (text.length > options.maxQueryChars || tokenize(text.replace(PUA, ' ')).length === 0) return [];
    if (performance.now() - slice > SLICE_MS) {
      await yieldLoop();
      slice = performance.now();
    }
    const { tgt, min, limit, prev, next } = context;
    const request: MatchRequest = {
      q: text,
      src,
      tgt: [tgt],
      min,
      limit,
      tms: options.tms,
      ...(prev !== undefined && { prev }),
      ...(next !== undefined && { next }),
    };
    return (await match(request)).flatMap((m): Candidate[] => {
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
  };
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
  match: MatchFn,
  input: Uint8Array,
  request: XliffPretranslateRequest,
): Promise<XliffPretranslation> {
  const doc = parseXliff(input);
  const languages = requestLanguages(doc, request);
  const { text, report } = await pretranslateDocument(doc, tmLookup(match, request), {
    ...languages,
    parseLang: languageOf,
    ...(request.min !== undefined && { min: request.min }),
    ...(request.overwrite !== undefined && { overwrite: request.overwrite }),
  });
  return { output: encodeXml(text, doc.encoding, doc.bom), encoding: doc.encoding, report };
}

/** Segments and words per match band (see formats/analyze.ts). */
export async function analyzeXliff(match: MatchFn, input: Uint8Array, request: XliffRequest): Promise<Analysis> {
  const doc = parseXliff(input);
  const languages = requestLanguages(doc, request);
  return analyzeDocument(doc, tmLookup(match, request), { ...languages, parseLang: languageOf });
}
