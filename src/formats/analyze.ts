/**
 * Analysis of an XLIFF file against a TM: segments, words and characters per band, as JSON and as a fixed-width
 * text table (what a CAT tool shows before a job is priced).
 *
 * - A segment whose source equals an earlier segment's (Unicode NFC, outer whitespace trimmed, inline codes
 *   included) is a repetition and is not looked up; the first occurrence counts in its own band.
 * - The others count in the band of their best candidate (≥ 50; below that, or none, "no match"), with the
 *   neighbouring segments sent along so that a TM can answer 101. A candidate's score is the one pretranslation
 *   writes: the TM's less one point per code or placeholder put in, the best of the candidates it looks at
 *   (xliff-best.ts), so that the band a job is priced in is the score the pretranslated file shows.
 * - Words are the matcher's tokens (`tokenize` from src/normalize): a Chinese character is a word, inline codes,
 *   placeholders (`%s`, `%1$d`, `{{x}}`, `{0}`, `${x}`, `$t(key)`: placeables, xliff-placeholders.ts) and
 *   punctuation are not. Characters are the code points that are not whitespace, inline codes or such placeholders.
 * - Segments without text (only codes, such placeholders or whitespace) are left out; confirmed targets are counted
 *   like any other.
 * - A 1.x file whose `<file>` elements declare different targets (the request naming none) is looked up per file,
 *   each in its own target language (a repetition is one into the same target); the rows add them up and
 *   `targets` names them.
 */
import { canonical, tokenize } from '../normalize';
import type { Lang } from '../types';
import type { XliffDocument } from './xliff';
import { DEFAULT_MAX_ALTERNATIVES, bestCompleted, completeCandidates, writable } from './xliff-best';
import { placeholderLookups } from './xliff-placeholders';
import {
  BANDS,
  type Band,
  type LanguageOptions,
  type Lookups,
  bandOf,
  lookupAll,
  plainText,
  resolveLanguages,
  segmentTargets,
} from './xliff-lookup';

export interface AnalysisRow {
  band: Band;
  segments: number;
  words: number;
  characters: number;
}

export interface Analysis {
  src: Lang;
  /** The source language the file declared, when its sources are written in another one (`src`). */
  declaredSrc?: string;
  /** The target language (the first `<file>`'s, when `targets` is there). */
  tgt: Lang;
  /** Every target language, in file order, when the `<file>` elements declare several: each is looked up in its own. */
  targets?: Lang[];
  /** One row per band, in BANDS order (rows with zero included). */
  rows: AnalysisRow[];
  total: Omit<AnalysisRow, 'band'>;
}

/** Lowest score that still has a band. */
const ANALYSIS_MIN = 50;

/** Counts words and characters of a source text (placeables excluded: inline codes, placeholders; `%%` is text). */
export function countText(text: string): { words: number; characters: number } {
  const plain = plainText(text);
  return { words: tokenize(plain).length, characters: [...plain.replace(/\s+/gu, '')].length };
}

export async function analyzeXliff(
  doc: XliffDocument,
  lookup: Lookups,
  options: LanguageOptions = {},
): Promise<Analysis> {
  const languages = resolveLanguages(doc, options);
  const { src, tgt, targets, declaredSrc } = languages;
  const sources = doc.segments.map((s) => s.source);
  const segmentTgt = segmentTargets(doc, languages);
  const seen = new Set<string>();
  // A repetition is one into the same target language: a sentence met again in a file with another target is work.
  const repetition = sources.map((text, i) => {
    const key = `${segmentTgt[i]}\u0000${canonical(text)}`;
    const repeated = seen.has(key);
    seen.add(key);
    return repeated;
  });
  const limit = DEFAULT_MAX_ALTERNATIVES + 1;
  const found = await lookupAll(
    sources,
    placeholderLookups(lookup),
    src,
    { tgt, min: ANALYSIS_MIN, limit },
    {
      skip: (i) => repetition[i]!,
      files: doc.segments.map((s) => s.fileIndex),
      ...(targets && { targets: segmentTgt }),
    },
  );
  const bands = sources.map((text, i): Band | undefined => {
    if (plainText(text) === '') return undefined;
    if (repetition[i]) return 'repetition';
    const completed = completeCandidates(doc.segments[i]!, found.get(i) ?? [], ANALYSIS_MIN);
    return bandOf(bestCompleted(writable(completed, limit))?.done.score);
  });
  const analysis = tally(src, tgt, sources, bands);
  return { ...analysis, ...(targets && { targets }), ...(declaredSrc !== undefined && { declaredSrc }) };
}

function tally(src: Lang, tgt: Lang, sources: string[], bands: (Band | undefined)[]): Analysis {
  const rows = new Map<Band, AnalysisRow>(BANDS.map((band) => [band, { band, segments: 0, words: 0, characters: 0 }]));
  const total = { segments: 0, words: 0, characters: 0 };
  sources.forEach((text, i) => {
    const band = bands[i];
    if (!band) return;
    const { words, characters } = countText(text);
    const row = rows.get(band)!;
    row.segments++;
    row.words += words;
    row.characters += characters;
    total.segments++;
    total.words += words;
    total.characters += characters;
  });
  return { src, tgt, rows: [...rows.values()], total };
}

const LABELS: Record<Band, string> = {
  repetition: 'Repetitions',
  '101': '101%',
  '100': '100%',
  '95-99': '95-99%',
  '85-94': '85-94%',
  '75-84': '75-84%',
  '50-74': '50-74%',
  'no-match': 'No match',
};

/** The analysis as a fixed-width table (ASCII only, so it lines up in any terminal or mail). */
export function formatAnalysis(analysis: Analysis): string {
  const head = ['Band'.padEnd(12), 'Segments', 'Words', 'Characters', 'Words %'];
  const widths = [12, 10, 10, 12, 9];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('');
  const percent = (words: number) =>
    analysis.total.words === 0 ? '0.0' : ((100 * words) / analysis.total.words).toFixed(1);
  const row = (label: string, r: Omit<AnalysisRow, 'band'>) =>
    line([label, String(r.segments), String(r.words), String(r.characters), percent(r.words)]);
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Analysis ${analysis.src} -> ${(analysis.targets ?? [analysis.tgt]).join(', ')}` +
      (analysis.declaredSrc === undefined ? '' : ` (the file declares ${analysis.declaredSrc})`),
    line(head),
    rule,
    ...analysis.rows.map((r) => row(LABELS[r.band], r)),
    rule,
    row('Total', analysis.total),
    '',
  ].join('\n');
}
