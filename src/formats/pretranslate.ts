/**
 * XLIFF pretranslation: every translatable segment gets the best TM candidate at or above `min` as its target, with
 * a state that says how good it is, and the other candidates as suggestions; everything else in the file stays
 * byte for byte (see xliff-write.ts for where things go).
 *
 * States by band:
 * | band        | 1.2 `state` / `state-qualifier`              | 2.x segment `state` | 2.x `mtc:match` type |
 * |-------------|-----------------------------------------------|---------------------|----------------------|
 * | 101         | `translated` / `exact-match`                  | `translated`        | `icm`, similarity 100 |
 * | 100         | `translated` / `exact-match`                  | `translated`        | `tm`                 |
 * | below 100   | `needs-review-translation` / `fuzzy-match`    | `initial`           | `tm`                 |
 * The target always carries every inline code of the source and every printf placeholder of its text: a TM target
 * that lacks some gets them put in (xliff-complete.ts), loses one point of score per repair and is written as a
 * fuzzy match to review, whatever its score (the segment is reported `placeables`). 1.2 has no standard
 * state-qualifier for "codes added" (an `x-` value fails the strict schema), hence `fuzzy-match`.
 * A TM unit with a code (tm-codes.ts) or a placeholder (xliff-printf.ts) where the segment has text or a number is
 * written with that text in its place, a repair like the others; one whose code or placeholder stands where the
 * segment's text cannot be told (places.ts) is not written at all, as target or suggestion (it would silently lack
 * that text): the next candidate is, else the segment is `unmappable`.
 * 1.2 `id-match` is not used for 101: it means matching ids, and a 101 comes from matching neighbours.
 * The source's placeholders (`%s`, `%1$d`, `{{x}}`, `{0}`, `${x}`, `$t(key)`; `%%` is text) are placeables to the TM,
 * as its codes are: no word in a score (xliff-placeholders.ts); a source of placeables alone is `empty`.
 *
 * Candidates: 1.2 `alt-trans` (with `match-quality`, `origin="mizan"`) holds the candidates not written as the
 * target, at most `maxAlternatives` (in a `seg-source` unit, after the record of the one written: xliff-marks.ts);
 * 2.x `mtc:matches` holds the written one and up to `maxAlternatives` more, since 2.x has no other place for its
 * score. Every candidate is completed as the target is: it carries every inline
 * code of the source and every printf placeholder of its text, and loses one point of `match-quality` /
 * `similarity` per repair (the other candidates then sorted best first), so that a translator who takes a
 * suggestion gets a well-formed target with the file's codes, never one that silently lacks a `%s` or an `<x/>`.
 * The target written is the candidate best after its repairs (a 99 that needs none before a 100 that lacks two
 * codes), the TM's order deciding ties.
 * Confirmed targets (see CONFIRMED_STATES) are left alone, candidates included, unless `overwrite`; so is a 1.2
 * `seg-source` segment's text that mizan's own record (xliff-marks.ts) does not say it wrote, whatever the unit's
 * state. Whether a text is one of the TM's candidates says nothing about who wrote it.
 */
import type { Lang } from '../types';
import { type XliffDocument, type XliffSegment, parseXliff } from './xliff';
import {
  type Completed,
  type Repaired,
  DEFAULT_MAX_ALTERNATIVES,
  bestCompleted,
  completeCandidates,
  writable,
} from './xliff-best';
import { type PlaceableCheck, checkPlaceables } from './xliff-inline';
import { placeholderLookups } from './xliff-placeholders';
import {
  type Band,
  type Candidate,
  type LanguageOptions,
  type Lookups,
  bandOf,
  lookupAll,
  plainText,
  resolveLanguages,
  segmentTargets,
} from './xliff-lookup';
import { type Alternative, type SegmentPlan, spliceXliff } from './xliff-write';
import { encodeXml } from './xliff-xml';

export interface PretranslateOptions extends LanguageOptions {
  /** Lowest score inserted or suggested. @default 75 */
  min?: number;
  /** Replace confirmed targets too. @default false */
  overwrite?: boolean;
  /** Most suggestions per segment besides the inserted target. @default 3 */
  maxAlternatives?: number;
}

export const PRETRANSLATE_DEFAULTS = { min: 75, overwrite: false, maxAlternatives: DEFAULT_MAX_ALTERNATIVES } as const;

/**
 * `filled`: target written; `placeables`: target written, but the TM's lacked (or misplaced) some of the source's
 * inline codes or printf placeholders, which were put in for review (see xliff-complete.ts), or held a code where
 * the source has text, which was put in; `confirmed`: left alone; `no-match`: nothing ≥ min; `unmappable`: nothing
 * written, as the best candidate ≥ min (and every other) holds a code or a placeholder where the source has text
 * that could not be placed (tm-codes.ts, xliff-printf.ts); `empty`: the source has no text. Score and unit of
 * `unmappable` are the best refused candidate's.
 */
export const SEGMENT_STATUSES = ['filled', 'confirmed', 'no-match', 'placeables', 'unmappable', 'empty'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

export interface SegmentReport {
  index: number;
  unitId: string;
  segmentId?: string;
  status: SegmentStatus;
  /** Score of the target written (the TM's less one point per repair), its band and the TM unit id. */
  score?: number;
  /** The TM's score, when repairs lowered `score`. */
  tmScore?: number;
  band?: Exclude<Band, 'repetition'>;
  matchUnitId?: string;
  /** The best candidate's placeables against the file's codes (indexes into the segment's codes). */
  placeables?: Omit<PlaceableCheck, 'mappable'>;
  /** Repairs made to the TM's target: codes (indexes into the segment's codes) put in, moved or left out,
   * printf placeholders appended (`+%s`), renamed (`%d→%s`), left out (`%d→`) or given the source's number or text
   * at their place (`%d→5`, `%s→الزر`), and the source's text written where the TM's unit had a code (`text`, when
   * there is some). */
  repaired?: Repaired;
  /** The TM's source differs from the segment only in numbers: true if the target carries the segment's numbers,
   * false if it keeps the TM's (then `score` is the fuzzy one and the target is a fuzzy match to review). */
  adapted?: boolean;
  /** Suggestions written. */
  alternatives: number;
}

export type { Repaired } from './xliff-best';

export interface PretranslateReport {
  version: string;
  src: Lang;
  /** The source language the file declared, when its sources are written in another one (`src`). */
  declaredSrc?: string;
  /** The target language (the first `<file>`'s, when `targets` is there). */
  tgt: Lang;
  /** Every target language, in file order, when the `<file>` elements declare several: each is filled in its own. */
  targets?: Lang[];
  min: number;
  segments: SegmentReport[];
  totals: Record<SegmentStatus, number>;
}

/** Pretranslates a parsed document; returns the new text and a report. */
export async function pretranslateXliff(
  doc: XliffDocument,
  lookup: Lookups,
  options: PretranslateOptions = {},
): Promise<{ text: string; report: PretranslateReport }> {
  const languages = resolveLanguages(doc, options);
  const { src, tgt, targets, declaredSrc } = languages;
  const min = options.min ?? PRETRANSLATE_DEFAULTS.min;
  const overwrite = options.overwrite ?? PRETRANSLATE_DEFAULTS.overwrite;
  const maxAlternatives = options.maxAlternatives ?? PRETRANSLATE_DEFAULTS.maxAlternatives;
  const skip = (i: number) => doc.segments[i]!.confirmed && !overwrite;
  const limit = maxAlternatives + 1;
  const found = await lookupAll(
    doc.segments.map((s) => s.source),
    placeholderLookups(lookup),
    src,
    { tgt, min, limit },
    { skip, files: doc.segments.map((s) => s.fileIndex), ...(targets && { targets: segmentTargets(doc, languages) }) },
  );
  const plans: SegmentPlan[] = [];
  const segments: SegmentReport[] = [];
  for (const segment of doc.segments) {
    const confirmed = skip(segment.index);
    const { plan, report } = planSegment(doc.family, segment, found.get(segment.index), { confirmed, limit, min });
    if (plan) plans.push(plan);
    segments.push(report);
  }
  const totals = Object.fromEntries(SEGMENT_STATUSES.map((s) => [s, 0])) as Record<SegmentStatus, number>;
  for (const s of segments) totals[s.status]++;
  const text = spliceXliff(doc, plans, tgt);
  const report = {
    version: doc.version,
    src,
    ...(declaredSrc !== undefined && { declaredSrc }),
    tgt,
    ...(targets && { targets }),
    min,
    segments,
    totals,
  };
  return { text, report };
}

function planSegment(
  family: 1 | 2,
  segment: XliffSegment,
  candidates: Candidate[] | undefined,
  { confirmed, limit, min }: { confirmed: boolean; limit: number; min: number },
): { plan?: SegmentPlan; report: SegmentReport } {
  const base = {
    index: segment.index,
    unitId: segment.unitId,
    ...(segment.segmentId !== undefined && { segmentId: segment.segmentId }),
  };
  const kept = { report: { ...base, status: 'confirmed' as const, alternatives: 0 } };
  if (confirmed) return kept;
  if (plainText(segment.source) === '' || !candidates) return { report: { ...base, status: 'empty', alternatives: 0 } };
  // Every candidate carries the source's codes and placeholders, with one point off per repair, and `min` applies
  // to that score, the one written; the one written is the best after repairs (a candidate that needs none can beat
  // a better TM score that needs two), the TM's order deciding ties. A candidate that would lack the source's text
  // where its unit has a code or a placeholder (tm-codes.ts, xliff-printf.ts) is neither written nor suggested: the
  // next one is (xliff-best.ts).
  const all = completeCandidates(segment, candidates, min);
  const completed = writable(all, limit);
  const chosen = bestCompleted(completed);
  if (!all[0]) return { plan: { segment, alternatives: [] }, report: { ...base, status: 'no-match', alternatives: 0 } };
  if (!chosen) {
    const { candidate: c, done } = all[0];
    const status = all[0].refused!; // every candidate ≥ min was refused
    const refused = { score: done.score, ...(done.score !== c.score && { tmScore: c.score }), matchUnitId: c.unitId };
    return { plan: { segment, alternatives: [] }, report: { ...base, status, ...refused, alternatives: 0 } };
  }
  const { candidate: best, done: first } = chosen;
  const { mappable: _, ...placeables } = checkPlaceables(best.targetText, segment.codes);
  const { score, repairs } = first;
  const fill = { text: first.text, ...stateFor(family, repairs === 0 && best.score >= 100) };
  const written: Alternative = alternative(best, first);
  const others = completed
    .filter((x) => x !== chosen)
    .map((x) => alternative(x.candidate, x.done))
    .sort((a, b) => b.score - a.score);
  // 1.2 has the written target in `target`; 2.x has no other place for its score than its `mtc:match`.
  const alternatives = family === 1 ? others : [written, ...others];
  const report: SegmentReport = {
    ...base,
    status: repairs > 0 ? 'placeables' : 'filled',
    score,
    ...(score !== best.score && { tmScore: best.score }),
    band: bandOf(score),
    matchUnitId: best.unitId,
    ...(best.adapted !== undefined && { adapted: best.adapted }),
    placeables,
    ...(repairs > 0 && { repaired: first.repaired }),
    alternatives: alternatives.length,
  };
  return { plan: { segment, fill, ...(family === 1 && { accepted: written }), alternatives }, report };
}

function alternative(candidate: Candidate, completed: Completed): Alternative {
  return {
    score: completed.score,
    target: completed.text,
    ...(candidate.sourceText !== undefined && { source: candidate.sourceText }),
  };
}

function stateFor(family: 1 | 2, exact: boolean): { state: string; stateQualifier?: string } {
  if (family === 2) return { state: exact ? 'translated' : 'initial' };
  return exact
    ? { state: 'translated', stateQualifier: 'exact-match' }
    : { state: 'needs-review-translation', stateQualifier: 'fuzzy-match' };
}

/**
 * Parses, pretranslates and re-encodes a file: bytes in, bytes out in the input's encoding and BOM (a string in,
 * a string out).
 */
export async function pretranslateXliffFile<T extends string | Uint8Array>(
  input: T,
  lookup: Lookups,
  options: PretranslateOptions = {},
): Promise<{ output: T; report: PretranslateReport }> {
  const doc = parseXliff(input);
  const { text, report } = await pretranslateXliff(doc, lookup, options);
  const output =
    typeof input === 'string' ? (doc.bom ? `\uFEFF${text}` : text) : encodeXml(text, doc.encoding, doc.bom);
  return { output: output as T, report };
}
