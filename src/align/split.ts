/**
 * Translation-guided splitting: a row whose text in one language holds fewer sentences than both others, which agree
 * on a count k (Arabic that ran two sentences together with «،» or «و» where English and Chinese each put a full
 * stop; an English or Chinese translation that joined two sentences with ";" or "，"), is cut into k rows where the
 * two others cut, if the evidence is strong.
 *
 * Where: at the short side's clause boundaries (rules in CLAUSE: Arabic «،» «؛» «:», «و»/«ف» at a word's start,
 * closing quotes, a bare space before a word that opens sentences: لقد, بعد ذلك, إنها; English ; : , and before
 * "and"/"but"; Chinese ，；：and a closing quote not followed by punctuation; a full stop the segmenter kept inside
 * a sentence), and always at its own sentence boundaries.
 * Which: the cut set (one DP over the boundaries) whose text proportions best match the cumulative proportions of
 * the other two languages' sentences, with anchors (numbers, Latin words) on the matching side rewarded and on
 * another side charged, and stronger marks preferred. When: every cut within TOLERANCE of where the others cut (a
 * boundary of a weak mark within half of it), no anchor on the wrong side, and no other boundary nearly as good for
 * the same cut; otherwise the row stays whole (and is flagged for review, see settle.ts) — unless, for one cut, the
 * translated words place it (split-words.ts).
 */
import type { Lang } from '../types';
import { anchorsOf } from './anchors';
import { lengthOf } from './length-model';
import { byWords, type Boundary, type WordGuide } from './split-words';

export interface Split {
  /** The short side's text, cut into as many pieces as the other sides have sentences. */
  pieces: string[];
  /** Per cut (pieces.length − 1): the mark it was made at ("،", "و", ";" …; "." for a sentence boundary). */
  marks: string[];
  /** Some cut is at a weak mark (a bare «و», "and") or fits only loosely: not evidence enough to cut a second side. */
  doubtful: boolean;
  /** Some cut is at a weak mark: the pieces deserve a look (a loose fit alone was right 98 % of the time). */
  weak: boolean;
}

/** A clause boundary: the regex matches the mark and the spaces after it; group 1 is the mark. */
interface Clause {
  re: RegExp;
  strength: number;
}

const CLAUSE: Record<Lang, Clause[]> = {
  ar: [
    { re: /(?<=[\u0621-\u064A\p{Nd}»"”)])(\.)\s+/gu, strength: 0.9 },
    { re: /(؛)\s+/gu, strength: 1 },
    { re: /(،)\s+/gu, strength: 0.8 },
    { re: /(:)\s+/gu, strength: 0.6 },
    { re: /(?<=\S)([»"”])\s+/gu, strength: 0.7 },
    { re: /\s+(?=([وف])[\u0621-\u064A]{2})/gu, strength: 0.4 },
    // A word that opens a sentence, after no mark at all (posts and chat: «… في تيلفورد بعد ذلك زيارتين …»).
    { re: /\s+(?=(لقد|بعد ذلك|إنها)\s)/gu, strength: 0.5 },
  ],
  en: [
    { re: /(?<=[A-Za-z0-9"”)])(\.)\s+(?=[A-Z"“])/gu, strength: 0.9 },
    { re: /(;)\s+/gu, strength: 1 },
    { re: /(:)\s+/gu, strength: 0.6 },
    { re: /(,)\s+/gu, strength: 0.5 },
    { re: /(?<=\S)(["”])\s+/gu, strength: 0.7 },
    { re: /\s+(?=(and|but)\s)/gu, strength: 0.4 },
  ],
  zh: [
    { re: /(；)\s*/gu, strength: 1 },
    { re: /(，)\s*/gu, strength: 0.8 },
    { re: /(：)\s*/gu, strength: 0.6 },
    // A closing quote with no 。 before the next sentence: …即使在症状出现前”CT 的典型特征…
    { re: /(?<=[^\s，。；：“「『])([”」』])\s*(?![，。；：！？、])/gu, strength: 0.7 },
  ],
};

/** Largest gap between a cut's text proportion and where the other languages cut. */
const TOLERANCE = 0.1;
/** A cut further than this from where the guides cut is made but flagged. */
const SURE = 0.05;
/** Marks below this strength must fall within half the tolerance, and are flagged. */
const WEAK = 0.5;
/** Another boundary this close (in proportion) to the best one's fit, this far away, makes a cut ambiguous. */
const AMBIGUOUS_FIT = 0.03;
const AMBIGUOUS_DISTANCE = 0.08;
/** Most sentences a row is split into. */
const MOST = 6;

function boundaries(sentences: readonly string[], lang: Lang, joiner: string): { text: string; list: Boundary[] } {
  const text = sentences.join(joiner);
  const list: Boundary[] = [];
  let at = 0;
  sentences.forEach((s, k) => {
    at += s.length;
    if (k < sentences.length - 1) {
      at += joiner.length;
      list.push({ at, end: at - joiner.length, mark: '.', strength: 1, forced: true });
    }
  });
  for (const { re, strength } of CLAUSE[lang])
    for (const m of text.matchAll(re)) {
      const end = m[0].startsWith(m[1] ?? '\u0000') ? m.index + m[1]!.length : m.index;
      const next = m.index + m[0].length;
      if (next >= text.length || end <= 0) continue;
      list.push({ at: next, end, mark: m[1] ?? '', strength, forced: false });
    }
  list.sort((x, y) => x.at - y.at || Number(y.forced) - Number(x.forced) || y.strength - x.strength);
  return { text, list: list.filter((b, k) => k === 0 || b.at !== list[k - 1]!.at) };
}

/** Anchor keys (numbers, in digits or spelled out, and Latin words) of a text. */
function keys(text: string, lang: Lang): Set<string> {
  const a = anchorsOf(text, lang);
  return new Set([...a.numbers.map((n) => `#${n}`), ...a.spelled.map((n) => `#${n}`), ...a.latin.map((w) => `@${w}`)]);
}

/**
 * Splits the short side `sentences` (language `lang`) where the guides (other languages' sentence lists of one count
 * k > sentences.length) cut; null without strong evidence. `stopsOnly`: only at full stops the segmenter kept inside
 * a sentence (for a side guided by one language alone).
 */
export function splitByGuides(
  sentences: readonly string[],
  lang: Lang,
  guides: readonly { sentences: readonly string[]; lang: Lang }[],
  stopsOnly = false,
  words?: WordGuide,
): Split | null {
  const k = guides[0]!.sentences.length;
  if (k <= sentences.length || k > MOST || guides.some((g) => g.sentences.length !== k)) return null;
  const joiner = lang === 'zh' ? '' : ' ';
  const found = boundaries(sentences, lang, joiner);
  const text = found.text;
  const list = stopsOnly ? found.list.filter((b) => b.forced || b.mark === '.') : found.list;
  if (list.length < k - 1) return null;
  const total = lengthOf(text, lang);
  // Proportions at each boundary, computed once (the DP asks about every pair of boundaries).
  const propAt = new Map(list.map((b) => [b.at, lengthOf(text.slice(0, b.at), lang) / total]));
  const prop = (at: number) => propAt.get(at) ?? lengthOf(text.slice(0, at), lang) / total;
  // Where each cut j (after guide sentence j) falls in the guides, averaged.
  const targets: number[] = [];
  for (let j = 1; j < k; j++) {
    let sum = 0;
    for (const g of guides) {
      const lens = g.sentences.map((s) => lengthOf(s, g.lang));
      const all = lens.reduce((x, y) => x + y, 0);
      sum += lens.slice(0, j).reduce((x, y) => x + y, 0) / Math.max(1, all);
    }
    targets.push(sum / guides.length);
  }
  const guideKeys = guides.map((g) => g.sentences.map((s) => keys(s, g.lang)));
  // Anchors per stretch between consecutive boundaries, computed once: a piece's anchors are its stretches'
  // (boundaries fall between words, so no anchor spans two stretches).
  const starts = [0, ...list.map((b) => b.at)];
  const stretch = starts.map((from, k) =>
    keys(text.slice(from, k + 1 < starts.length ? starts[k + 1] : text.length), lang),
  );
  const pieceKeys = (from: number, to: number) => {
    const out = new Set<string>();
    for (let k = 0; k < starts.length && starts[k]! < to; k++)
      if (starts[k]! >= from) for (const key of stretch[k]!) out.add(key);
    return out;
  };
  // Anchor cost of piece j spanning [from, to): −1 per anchor found on its own side, +2 per anchor found only on
  // another piece's side.
  const anchorCost = (j: number, from: number, to: number) => {
    let cost = 0;
    for (const key of pieceKeys(from, to)) {
      const own = guideKeys.some((g) => g[j]!.has(key));
      const other = guideKeys.some((g) => g.some((s, i) => i !== j && s.has(key)));
      if (own) cost -= 1;
      else if (other) cost += 2;
    }
    return cost;
  };
  const fit = (b: Boundary, j: number) => Math.abs(prop(b.at) - targets[j]!);
  const cutCost = (b: Boundary, j: number) => (fit(b, j) / TOLERANCE) ** 2 + (1 - b.strength);
  // DP: best[j][i] = cost of cuts 0..j with cut j at boundary i; forced boundaries may not be skipped.
  const n = list.length;
  const best = Array.from({ length: k - 1 }, () => new Float64Array(n).fill(Infinity));
  const from = Array.from({ length: k - 1 }, () => new Int32Array(n).fill(-1));
  const startOf = (i: number) => (i < 0 ? 0 : list[i]!.at);
  const endOf = (i: number) => list[i]!.end;
  for (let j = 0; j < k - 1; j++)
    for (let i = 0; i < n; i++) {
      const here = cutCost(list[i]!, j);
      for (let p = i - 1; p >= -1; p--) {
        if (j === 0 && p !== -1) {
          if (list[p]!.forced) break;
          continue;
        }
        const before = j === 0 ? 0 : p < 0 ? Infinity : best[j - 1]![p]!;
        if (before < Infinity) {
          const c = before + here + anchorCost(j, startOf(p), endOf(i));
          if (c < best[j]![i]!) {
            best[j]![i] = c;
            from[j]![i] = p;
          }
        }
        if (p >= 0 && list[p]!.forced) break; // a forced boundary between two cuts must itself be a cut
      }
    }
  let last = -1;
  let lastCost = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    const c = best[k - 2]![i]! + anchorCost(k - 1, list[i]!.at, text.length);
    if (c < lastCost) {
      lastCost = c;
      last = i;
    }
    if (list[i]!.forced) break; // no forced boundary may follow the last cut
  }
  if (last < 0 || lastCost === Infinity) return null;
  const cuts: number[] = [];
  for (let j = k - 2, i = last; j >= 0; i = from[j]![i]!, j--) cuts.unshift(i);
  if (!cuts.every((i, j) => strong(list, i, targets[j]!, prop)))
    return words && k === 2
      ? byWords(text, list, words, { weak: WEAK, far: AMBIGUOUS_DISTANCE }, (j, a, b) => anchorCost(j, a, b) <= 0)
      : null;
  const bounds = [0, ...cuts.map((i) => list[i]!.at), text.length];
  const pieces = cuts
    .map((i, j) => text.slice(bounds[j]!, list[i]!.end).trim())
    .concat(text.slice(bounds[k - 1]!).trim());
  if (pieces.some((p) => !p)) return null;
  for (let j = 0; j < k; j++)
    if (anchorCost(j, bounds[j]!, j < k - 1 ? list[cuts[j]!]!.end : text.length) > 0) return null;
  const weak = cuts.some((i) => !list[i]!.forced && list[i]!.strength < WEAK);
  const doubtful = weak || cuts.some((i, j) => !list[i]!.forced && Math.abs(prop(list[i]!.at) - targets[j]!) > SURE);
  return { pieces, marks: cuts.map((i) => list[i]!.mark), doubtful, weak };
}

/**
 * A cut is strong if it fits where the guides cut, and no other free boundary of at least its strength, far from it,
 * fits nearly as well.
 */
function strong(list: readonly Boundary[], i: number, target: number, prop: (at: number) => number): boolean {
  const b = list[i]!;
  if (b.forced) return true;
  const f = Math.abs(prop(b.at) - target);
  if (f > (b.strength < WEAK ? TOLERANCE / 2 : TOLERANCE)) return false;
  return !list.some(
    (o) =>
      o !== b &&
      !o.forced &&
      o.strength >= b.strength &&
      Math.abs(prop(o.at) - target) <= f + AMBIGUOUS_FIT &&
      Math.abs(prop(o.at) - prop(b.at)) > AMBIGUOUS_DISTANCE,
  );
}
