/**
 * Review flags measured over a whole document's rows, after merging (rows.ts): a row near a row where a language has
 * nothing (a sentence without a counterpart) is flagged too, since an omission shifts or swallows its neighbours'
 * text as often as not; and the rows either side of a boundary the lexicon speaks against (shift.ts). Last, a row
 * flagged only because the DP was unsure (`confidence`, `neighbour`) is cleared when its words confirm it end to end
 * (lexical-check.ts: Arabic–English from FreeDict, Chinese–English from CC-CEDICT), and a row left unflagged whose
 * Arabic translates a neighbour's English and none of its own is flagged `shifted` (flagContradicted). Length
 * signals (a row's character ratio against the document's own) were measured and not kept: docs/benchmarks.md,
 * scripts/lib/flag-sweep.ts.
 */
import type { AlignedRow, ReviewReason } from './row';
import { shiftedBoundaries } from './shift';
import { arEnLexicon, type ArEnLexicon } from './ar-lexicon';
import { cedict, type ZhEnLexicon } from './lexicon';
import { lexicallyConfirmed, lexicallyContradicted } from './lexical-check';
import { gapShiftedRows } from './gap-shift';

type L = 'ar' | 'en' | 'zh';

/** Adds reason to a row's flags (the row is then up for review). */
export function flagRow(row: AlignedRow, reason: ReviewReason): AlignedRow {
  const reasons = row.reasons ?? [];
  return { ...row, review: true, reasons: reasons.includes(reason) ? reasons : [...reasons, reason] };
}

const lacks = (r: AlignedRow | undefined, langs: readonly L[]) => !!r && langs.some((l) => !r[l]);

/** A row next to a 1:0 / 0:1 row is flagged `neighbour` when its confidence is below this. */
export const NEIGHBOUR_BELOW = 0.95;
/**
 * A row two rows away from a 1:0 / 0:1 row is flagged `neighbour` when its confidence is below this. 0.9 → 0.85 spared
 * 0.1–1 % of the rows on the 16 `eval:align --raw` lines with no wrong link left unflagged; below 0.8 flores lines lose
 * catches (docs/benchmarks.md, eighth session).
 */
export const SECOND_NEIGHBOUR_BELOW = 0.85;

/**
 * A row flagged `counts` where one language has fewer sentences than the two others, which agree: the row a sentence
 * without a counterpart is glued into when the DP did not give it a row of its own.
 */
function shortOne(r: AlignedRow | undefined, langs: readonly L[]): boolean {
  if (!r?.reasons?.includes('counts') || langs.length < 3) return false;
  const [a, e, z] = [r.shape.ar, r.shape.en, r.shape.zh];
  return (e === z && a < e) || (a === z && e < a) || (a === e && z < a);
}

/**
 * `shifted` for the two rows on either side of a boundary the lexicon speaks against (shift.ts: a Chinese clause
 * at a row's edge whose words are the neighbour row's English), however sure the DP was of them: a Chinese line that
 * carries a clause of the next sentence gives rows whose counts and lengths look right. `eval:align --raw`: tico19
 * ar–zh wrong links caught 0.87 → 0.93 (1:1) and 0.88 → 1.00 (`--merge 0.1`), for at most 0.2 % more rows flagged
 * on any corpus (docs/benchmarks.md).
 */
function flagShifted(rows: AlignedRow[]): AlignedRow[] {
  for (const k of shiftedBoundaries(rows)) for (const j of [k, k + 1]) rows[j] = flagRow(rows[j]!, 'shifted');
  return rows;
}

/**
 * `neighbour` for a row with all the document's languages near one where a language has nothing (a 1:0 / 0:1 row):
 * next to it unless the DP was all but certain of it (NEIGHBOUR_BELOW: on wmt24pp `--merge 0.1` that spared 0.4 % of
 * the rows and no wrong link), two rows away when it was less than sure (SECOND_NEIGHBOUR_BELOW). A sentence without
 * a counterpart is where the DP had to guess: when it guessed the wrong place, the rows between the true gap and the
 * one it chose are shifted by a sentence, and the nearer a row is to the gap the likelier it is one of them
 * (`eval:align --raw`: on flores200_devtest the second row caught the last 1–2 wrong links of 1:1 and `--merge 0.1`
 * for 0.2 % more rows). The same next to a `counts` row where one language is a sentence short (shortOne), where the
 * DP glued the lacking sentence's counterpart to a neighbour instead of giving it a row (`--omit-one`: wrong links
 * caught 0.85–0.93 → 0.91–1.00 on the four corpora, for 0.2–1.2 % more rows). Languages absent from the whole
 * document are not looked at. Then the rows either side of a boundary the lexicon speaks against (flagShifted).
 */
export function flagDocument(
  rows: readonly AlignedRow[],
  lexicons: Lexicons = { arEn: arEnLexicon(), zhEn: cedict() },
): AlignedRow[] {
  const langs = (['ar', 'en', 'zh'] as const).filter((l) => rows.some((r) => r[l]));
  if (langs.length < 2) return [...rows];
  const gapAt = (k: number) => lacks(rows[k], langs);
  const nextTo = (k: number) =>
    gapAt(k - 1) || gapAt(k + 1) || shortOne(rows[k - 1], langs) || shortOne(rows[k + 1], langs);
  const below = (k: number, r: AlignedRow) =>
    nextTo(k)
      ? r.confidence < NEIGHBOUR_BELOW
      : (gapAt(k - 2) || gapAt(k + 2)) && r.confidence < SECOND_NEIGHBOUR_BELOW;
  const flagged = flagShifted(rows.map((r, k) => (!lacks(r, langs) && below(k, r) ? flagRow(r, 'neighbour') : r)));
  // A row without Chinese near: its neighbours' Chinese may be the shifted text, which CC-CEDICT alone cannot clear.
  const zhShort = (r: AlignedRow | undefined) => langs.includes('zh') && !!r && !r.zh && !!(r.ar || r.en);
  const zhNear = (k: number) => [k - 2, k - 1, k + 1, k + 2].some((j) => zhShort(rows[j]));
  const checked = flagContradicted(liftConfirmed(flagged, zhNear, lexicons), lexicons);
  // Last, runs a misplaced gap shifted (gap-shift.ts): their words speak against them however sure the DP was.
  const runs = gapShiftedRows(checked, lexicons);
  return runs.size === 0 ? checked : checked.map((r, k) => (runs.has(k) ? flagRow(r, 'shifted') : r));
}

/**
 * Unflagged rows the DP was less sure of than this, or cut out of a longer segment, are read for words against them.
 */
export const CONTRADICT_BELOW = 0.9;

/** `shifted` for a row whose words speak against it (lexical-check.ts lexicallyContradicted). */
function flagContradicted(rows: AlignedRow[], lexicons: Lexicons): AlignedRow[] {
  const asked = rows.flatMap((r, k) => (!r.review && (r.split || r.confidence < CONTRADICT_BELOW) ? [k] : []));
  if (asked.length === 0) return rows;
  const against = lexicallyContradicted(rows, asked, lexicons.arEn);
  return against.size === 0 ? rows : rows.map((r, k) => (against.has(k) ? flagRow(r, 'shifted') : r));
}

/** The word lists the flags read (the installed ones by default; null: not installed). */
export interface Lexicons {
  arEn: ArEnLexicon | null;
  zhEn: ZhEnLexicon | null;
}

/** Flags that only say the DP was not sure: the words can answer for them (lexical-check.ts). */
const UNSURE: readonly ReviewReason[] = ['confidence', 'neighbour'];

/**
 * Rows flagged only as unsure whose words confirm them are no longer flagged; a `neighbour` of a row without Chinese
 * (`zhNear`) keeps its flag.
 */
function liftConfirmed(rows: AlignedRow[], zhNear: (k: number) => boolean, lexicons: Lexicons): AlignedRow[] {
  const unsure = (r: AlignedRow, k: number) =>
    r.review &&
    !!r.reasons?.length &&
    r.reasons.every((x) => UNSURE.includes(x)) &&
    !(r.reasons.includes('neighbour') && zhNear(k));
  const asked = rows.flatMap((r, k) => (unsure(r, k) ? [k] : []));
  if (asked.length === 0) return rows;
  const confirmed = lexicallyConfirmed(rows, asked, lexicons.arEn, lexicons.zhEn);
  return rows.map((r, k) => (confirmed.has(k) ? { ...r, review: false, reasons: undefined } : r));
}
