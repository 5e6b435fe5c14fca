/**
 * What survives translation, per sentence: numbers (any digit system, separators dropped), Latin-script words
 * (names, acronyms, codes), and a few punctuation marks (question, exclamation, quotes, parentheses). Two sentences
 * that are translations of each other usually agree on them; the aligner rewards agreement and charges conflicts.
 */
import { foldText } from '../normalize';

export interface Anchors {
  numbers: string[];
  latin: string[];
  question: number;
  exclaim: number;
  quote: number;
  paren: number;
}

const NUMBER = /\p{Nd}+(?:[.,:]\p{Nd}+)*/gu;
const LATIN = /[a-z][a-z0-9-]{1,}/g;

export function anchorsOf(sentence: string, lang: 'ar' | 'en' | 'zh'): Anchors {
  const folded = foldText(sentence);
  const numbers = (folded.match(NUMBER) ?? []).map((n) => n.replace(/[.,:]/g, '')).filter((n) => n.length > 0);
  // In English every word is Latin: only capitalised words and acronyms count as anchors there.
  const latin = lang === 'en' ? (sentence.match(/\b[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*\b/g) ?? []).map((w) => w.toLowerCase()) : (folded.match(LATIN) ?? []);
  const count = (re: RegExp) => (sentence.match(re) ?? []).length;
  return {
    numbers,
    latin,
    question: count(/[?؟？]/g),
    exclaim: count(/[!！]/g),
    quote: count(/[«»"“”「」『』]/g) > 0 ? 1 : 0,
    paren: count(/[()（）]/g) > 0 ? 1 : 0,
  };
}

export function mergeAnchors(list: Anchors[]): Anchors {
  const out: Anchors = { numbers: [], latin: [], question: 0, exclaim: 0, quote: 0, paren: 0 };
  for (const a of list) {
    out.numbers.push(...a.numbers);
    out.latin.push(...a.latin);
    out.question += a.question;
    out.exclaim += a.exclaim;
    out.quote = Math.max(out.quote, a.quote);
    out.paren = Math.max(out.paren, a.paren);
  }
  return out;
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const y of b) {
    const c = counts.get(y) ?? 0;
    if (c > 0) {
      common++;
      counts.set(y, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * A cost adjustment in nats (negative is better): agreement on numbers and Latin words lowers the cost, numbers on
 * one side only or disagreeing punctuation raises it.
 */
export function anchorCost(a: Anchors, b: Anchors): number {
  let cost = 0;
  if (a.numbers.length || b.numbers.length) {
    const d = dice(a.numbers, b.numbers);
    cost += d > 0 ? -3 * d : 2;
  }
  if (a.latin.length && b.latin.length) cost -= 2 * dice(a.latin, b.latin);
  if ((a.question > 0) !== (b.question > 0)) cost += 1;
  if ((a.exclaim > 0) !== (b.exclaim > 0)) cost += 0.5;
  if (a.quote !== b.quote) cost += 0.3;
  if (a.paren !== b.paren) cost += 0.3;
  return cost;
}
