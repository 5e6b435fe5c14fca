/**
 * A segment's TM candidates as they are written: each completed against the segment's source (every inline code and
 * printf placeholder of the source put in: xliff-complete.ts, xliff-printf.ts), one point of score off per repair,
 * and those whose score after repairs is below `min` left out; a candidate that would lack the source's text (or
 * number) where the TM's unit has a code or a placeholder is refused, and the next one takes its place.
 * Pretranslation writes the best of them and suggests the others; analysis counts the segment in the band of that
 * best one. Both use the same score, the one the file shows (1.2 `match-quality`, 2.x `similarity`): a `min`
 * checked before the penalty let a target the file labels 71 in at `min=75`, and analysis put it in the 75–84 band.
 */
import type { XliffSegment } from './xliff-model';
import { completeCodes } from './xliff-complete';
import { completePrintf } from './xliff-printf';
import type { Candidate } from './xliff-lookup';

/**
 * Candidates looked at per segment: the one written and, by default, three suggestions (pretranslation's
 * `maxAlternatives` + 1). Analysis looks at as many, so that its band is the written candidate's.
 */
export const DEFAULT_MAX_ALTERNATIVES = 3;

/** Repairs made to a TM target (see pretranslate.ts `SegmentReport.repaired`). */
export interface Repaired {
  codes: number[];
  printf: string[];
  text?: string[];
}

export interface Completed {
  /** The candidate's target with every code and printf placeholder of the source (xliff-complete.ts). */
  text: string;
  /** The candidate's score less one point per repair (at most 99 once repaired: never an exact match). */
  score: number;
  repairs: number;
  repaired: Repaired;
  /** Placeholders of the TM whose place in the source cannot be told: not to be written (xliff-printf.ts). */
  unplaced?: string[];
}

export interface CompletedCandidate {
  candidate: Candidate;
  done: Completed;
  /** Why it is not to be written, if it is not (see `refusal`). */
  refused?: 'unmappable';
}

/** The candidates completed, in the TM's order, those below `min` after their repairs left out. */
export function completeCandidates(
  segment: XliffSegment,
  candidates: readonly Candidate[],
  min: number,
): CompletedCandidate[] {
  return candidates.flatMap((candidate) => {
    const done = complete(segment, candidate);
    if (done.score < min) return [];
    const refused = refusal(candidate, done);
    return [{ candidate, done, ...(refused && { refused }) }];
  });
}

/** The first `limit` candidates that may be written or suggested: a refused one makes room for the next. */
export function writable(completed: readonly CompletedCandidate[], limit: number): CompletedCandidate[] {
  return completed.filter((c) => !c.refused).slice(0, limit);
}

/**
 * The candidate written, of those `writable` gives: the best after repairs (a 99 that needs none before a 100 that
 * lacks two codes), the TM's order deciding ties.
 */
export function bestCompleted(completed: readonly CompletedCandidate[]): CompletedCandidate | undefined {
  if (completed.length === 0) return undefined;
  return completed.reduce((a, b) => (b.done.score > a.done.score ? b : a));
}

/** A candidate's target completed against the segment's source. */
function complete(segment: XliffSegment, candidate: Candidate): Completed {
  const codes = completeCodes(candidate.targetText, segment.codes, {
    source: segment.source,
    tmSource: candidate.sourceText,
  });
  const printf = completePrintf(segment.source, codes.text, candidate.sourceText);
  const text = candidate.tmOnly?.text ?? [];
  const repairs = codes.repaired.length + printf.added.length + printf.changed.length + text.length;
  const written = segment.preserveSpace ? withSpaceOf(segment.source, printf.text) : printf.text;
  // One point off per repair, as a CAT tool's placeable penalty: the text written is not the TM's any more, so a
  // repaired 101 (context match) is no better than a repaired 100: at most 99, never an exact match.
  const score = repairs === 0 ? candidate.score : Math.max(0, Math.min(candidate.score, 100) - repairs);
  const repaired = {
    codes: codes.repaired,
    printf: [...printf.added.map((p) => `+${p}`), ...printf.changed],
    ...(text.length > 0 && { text }),
  };
  return { text: written, score, repairs, repaired, ...(printf.unplaced && { unplaced: printf.unplaced }) };
}

/**
 * Why a candidate is not to be written, if it is not: a TM code (tm-codes.ts) or a TM placeholder (xliff-printf.ts)
 * where the source has something whose place cannot be told, so that the target would lack it (`unmappable`, as in
 * the i18next route, i18next-candidate.ts).
 */
function refusal(candidate: Candidate, completed: Completed): 'unmappable' | undefined {
  return candidate.tmOnly?.unplaced || completed.unplaced ? 'unmappable' : undefined;
}

/**
 * A target with the source's leading and trailing whitespace instead of its own, for a source under
 * `xml:space="preserve"` (the spaces are layout the file keeps: indentation, a space before the next run of text).
 * Not a repair: the words are the TM's.
 */
function withSpaceOf(source: string, target: string): string {
  const lead = /^\s*/.exec(source)![0];
  const trail = /\s*$/.exec(source.slice(lead.length))![0];
  return lead + target.trim() + trail;
}
