/**
 * Rows the words confirm: a row whose Arabic shares translated words with its own English (ar-lexicon.ts) clearly
 * more than with the English of the rows around it. The DP aligns by lengths, numbers, names and punctuation; a row
 * it was unsure of (short dialogue lines, free translation) or one it flagged only for standing next to a sentence
 * without a counterpart is, once its words agree, a row a reviewer need not be sent to. A row the words confirm
 * keeps every other flag (`counts`, `missing`, `shifted`, split checks): only the two flags that say "the DP was not
 * sure" are lifted (flags.ts).
 *
 * With Chinese in the row, its words must agree too: the Chinese glosses into its own English (CC-CEDICT,
 * lexicon.ts) more than into a neighbour's, so a row whose Arabic and English are right but whose Chinese is shifted
 * is not lifted.
 */
import type { ArEnLexicon } from './ar-lexicon';
import type { ZhEnLexicon } from './lexicon';
import type { AlignedRow } from './row';

/** Arabic words glossing into the row's English, at least. */
export const CONFIRM_HITS = 2;
/** …and at least this share of the Arabic words that have an entry. */
export const CONFIRM_SHARE = 0.25;

/** Arabic words (those with an entry) and how many of them gloss into the English ids given. */
export function hits(glosses: readonly (readonly number[])[], english: ReadonlySet<number>): number {
  let n = 0;
  for (const ids of glosses) if (ids.some((id) => english.has(id))) n++;
  return n;
}

/** Chinese words of `zh` glossing into `english` (keys of lexicon.ts), by CC-CEDICT. */
function zhHits(lexicon: ZhEnLexicon, zh: string, english: ReadonlySet<number>): number {
  return zhWordHits(lexicon, lexicon.words(zh), english);
}

/** The same for a text already cut into CC-CEDICT entries (`lexicon.words`). */
export function zhWordHits(lexicon: ZhEnLexicon, entries: Int32Array, english: ReadonlySet<number>): number {
  let n = 0;
  for (const entry of entries) {
    if (entry < 0) continue;
    for (let g = lexicon.glossStart[entry]!; g < lexicon.glossStart[entry + 1]!; g++)
      if (english.has(lexicon.glossIds[g]!)) {
        n++;
        break;
      }
  }
  return n;
}

/** Clause marks of each language: a row's edge clause ends (or starts) at one of these. */
const CLAUSE = { ar: /[،؛:.!?؟]+/u, en: /[,;:.!?]+/u, zh: /[，；：。！？,;:]+/u };

/**
 * The first and last clause of a text (the halves of its words when it has one clause only): what a boundary put
 * on the wrong side of a row would be.
 */
function edges(text: string, mark: RegExp): [string, string] {
  const clauses = text.split(mark).filter((c) => c.trim());
  if (clauses.length >= 2) return [clauses[0]!, clauses[clauses.length - 1]!];
  const words = text.split(/\s+/u);
  if (words.length < 2) return [text, text];
  const mid = Math.ceil(words.length / 2);
  return [words.slice(0, mid).join(' '), words.slice(mid).join(' ')];
}

/**
 * An edge clause is for its own row when more of its words are for the row than for the neighbour on its side, or
 * when it is too short to say (fewer than two words the lexicon knows) and nothing in it is for the neighbour.
 */
const forOwn = (known: number, own: number, neighbour: number) => own > neighbour || (known < 2 && neighbour === 0);

const NONE: ReadonlySet<number> = new Set();

/**
 * A value per row (by default a set of ids), made by `make` at the first ask and kept; `none` (the empty set) for a
 * row that is not there or that `make` has nothing for.
 */
export function perRow<T = ReadonlySet<number>>(
  rows: readonly AlignedRow[],
  make: (row: AlignedRow) => T | null | '' | undefined,
  none: T = NONE as T,
): (k: number) => T {
  const made = new Map<number, T>();
  return (k) => {
    let value = made.get(k);
    if (value === undefined) made.set(k, (value = (rows[k] && make(rows[k])) || none));
    return value;
  };
}

/**
 * Indexes of the rows (with Arabic and English) that the words confirm, end to end: the Arabic glosses into its own
 * English by CONFIRM_HITS words and CONFIRM_SHARE of its known words; and the first and last clause of each language
 * (forOwn) is for the row rather than for the row on its side (a clause of the previous or next sentence at a row's
 * edge is what a misplaced boundary leaves, and the row's other words would confirm it regardless): Arabic against
 * the rows' English, English against the rows' Arabic, and with Chinese in the row (and CC-CEDICT) Chinese against
 * the rows' English.
 */
export function lexicallyConfirmed(
  rows: readonly AlignedRow[],
  asked: Iterable<number>,
  arEn: ArEnLexicon | null,
  zhEn: ZhEnLexicon | null,
): Set<number> {
  const out = new Set<number>();
  if (!arEn) return out;
  // Per row, computed when first needed: only the rows asked about and their neighbours are read.
  const en = perRow(rows, (r) => r.en && arEn.englishIds(r.en));
  const glossed = perRow(rows, (r) => r.ar && new Set(arEn.arabicGlosses(r.ar).flat()));
  const enZh = perRow(rows, (r) => zhEn && r.en && new Set(zhEn.englishIds([r.en]).ids));
  const count = (ids: Iterable<number>, within: ReadonlySet<number>) => {
    let n = 0;
    for (const id of ids) if (within.has(id)) n++;
    return n;
  };
  for (const k of asked) {
    const row = rows[k]!;
    if (!row.ar || !row.en) continue;
    const glosses = arEn.arabicGlosses(row.ar);
    const own = hits(glosses, en(k));
    if (own < CONFIRM_HITS || own < CONFIRM_SHARE * glosses.length) continue;
    const sides = [k - 1, k + 1] as const;
    const arEdges = edges(row.ar, CLAUSE.ar);
    const enEdges = edges(row.en, CLAUSE.en);
    const edgesFor = [0, 1].every((e) => {
      const j = sides[e]!;
      const g = arEn.arabicGlosses(arEdges[e]!);
      if (!forOwn(g.length, hits(g, en(k)), hits(g, en(j)))) return false;
      const keys = arEn.englishIds(enEdges[e]!);
      return forOwn(keys.size, count(keys, glossed(k)), count(keys, glossed(j)));
    });
    if (!edgesFor) continue;
    if (row.zh && zhEn && !chineseFor(zhEn, row.zh, enZh(k), enZh(k - 1), enZh(k + 1))) continue;
    out.add(k);
  }
  return out;
}

/**
 * The Chinese of a row glosses into its own English (`mine`) by CONFIRM_HITS words and more than into the previous
 * or next row's English, and neither its first nor its last clause glosses into the English on its side as much.
 */
function chineseFor(
  zhEn: ZhEnLexicon,
  zh: string,
  mine: ReadonlySet<number>,
  prev: ReadonlySet<number>,
  next: ReadonlySet<number>,
): boolean {
  const own = zhHits(zhEn, zh, mine);
  if (own < CONFIRM_HITS || zhHits(zhEn, zh, prev) >= own || zhHits(zhEn, zh, next) >= own) return false;
  // Laxer than forOwn: a Chinese edge clause is often a reporting one (他补充说，) whose words the English puts
  // elsewhere or not at all; only words for the neighbour speak against it.
  const [first, last] = edges(zh, CLAUSE.zh);
  const notTheirs = (clause: string, theirs: ReadonlySet<number>) => {
    const against = zhHits(zhEn, clause, theirs);
    return against === 0 || zhHits(zhEn, clause, mine) > against;
  };
  return notTheirs(first, prev) && notTheirs(last, next);
}

/** Arabic words glossing into a neighbour's English, at least, that speak against a row whose own English has none. */
export const AGAINST_HITS = 3;

/**
 * Indexes of the rows asked about (with Arabic and English) whose words speak against them: the Arabic glosses into
 * none of its own English's words and into AGAINST_HITS or more of the previous or the next row's English. A row the
 * lengths paired (a cut that fitted, a short line) with an English sentence from elsewhere looks like this.
 */
export function lexicallyContradicted(
  rows: readonly AlignedRow[],
  asked: Iterable<number>,
  arEn: ArEnLexicon | null,
): Set<number> {
  const out = new Set<number>();
  if (!arEn) return out;
  const en = perRow(rows, (r) => r.en && arEn.englishIds(r.en));
  for (const k of asked) {
    const row = rows[k]!;
    if (!row.ar || !row.en) continue;
    const glosses = arEn.arabicGlosses(row.ar);
    if (hits(glosses, en(k)) > 0) continue;
    if (hits(glosses, en(k - 1)) >= AGAINST_HITS || hits(glosses, en(k + 1)) >= AGAINST_HITS) out.add(k);
  }
  return out;
}
