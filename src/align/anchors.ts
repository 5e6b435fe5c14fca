/**
 * What survives translation, per sentence: numbers (any digit system, separators dropped, times the scale word after
 * them: "3 billion" and 30亿 are 3000000000; and numbers spelled out, spelled-numbers.ts), Latin-script words (names,
 * acronyms, codes), and a few punctuation marks (question, exclamation, quotes, parentheses). Two sentences that are
 * translations of each other usually agree on them; the aligner rewards agreement and charges conflicts.
 */
import { foldText } from '../normalize';
import { monthsOf } from './months';
import { nameKeys } from './names';
import { spelledNumbers } from './spelled-numbers';

export interface Anchors {
  numbers: string[];
  /** Values of the numbers written in words ("a thousand", «ألف», 一千 → "1000"). */
  spelled: string[];
  latin: string[];
  /** Consonant skeletons of names (names.ts): an English name and its Arabic transliteration share one. */
  names: string[];
  /** How many name keys the sentence had before `names` was narrowed to those the other side has (dp-prepare.ts). */
  nameTotal?: number;
  question: number;
  exclaim: number;
  quote: number;
  paren: number;
}

const NUMBER = /\p{Nd}+(?:[.,:]\p{Nd}+)*/gu;
const LATIN = /[a-z][a-z0-9-]{1,}/g;

/** Punctuation anchors by UTF-16 code unit: 1 question, 2 exclamation, 3 quote, 4 parenthesis. */
const MARKS = new Uint8Array(65536);
(['?؟？', '!！', '«»"“”「」『』', '()（）'] as const).forEach((chars, k) => {
  for (const ch of chars) MARKS[ch.charCodeAt(0)] = k + 1;
});
/**
 * The normalization pipeline is the costly part here, so two exact shortcuts: printable ASCII folds to its lower
 * case (every other fold leaves it alone), and text made only of characters that fold to no digit and no Latin
 * letter (Arabic letters and marks, Han, whitespace, punctuation; checked character by character and in pairs
 * against foldText) has no number or Latin anchor at all.
 */
const PLAIN_ASCII = /^[\t\n\r -~]*$/;
const NO_DIGIT_OR_LATIN = new RegExp(
  '^[' +
    '\\s!-/:-@[-`{-~\\u00ab\\u00bb\\u00b7' + // ASCII punctuation, « » ·
    '\\u0600-\\u065f\\u066a-\\u06ef\\u06fa-\\u06ff' + // Arabic, less its two sets of digits
    '\\u2010-\\u2027\\u2030-\\u205e' + // general punctuation
    '\\u3000-\\u303f\\u4e00-\\u9fff' + // CJK punctuation, Han
    '\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65' + // full-width punctuation
    ']*$',
);

export function anchorsOf(sentence: string, lang: 'ar' | 'en' | 'zh'): Anchors {
  const folded = PLAIN_ASCII.test(sentence)
    ? sentence.toLowerCase()
    : NO_DIGIT_OR_LATIN.test(sentence)
      ? ''
      : foldText(sentence);
  const numbers = (folded.match(NUMBER) ?? []).map((n) => n.replace(/[.,:]/g, '')).filter((n) => n.length > 0);
  const words = spelledNumbers(sentence, lang);
  // "3 billion", «3 مليارات», 30亿: one number, 3000000000, whichever way each language writes it.
  for (const [digits, value] of words.scaled) {
    const k = numbers.indexOf(digits);
    if (k >= 0) numbers.splice(k, 1);
    numbers.push(value);
  }
  // A month is one anchor whichever way a language writes it (9月, "September", «أيلول»): months.ts.
  const months = monthsOf(sentence, lang);
  for (const digits of months.digits) {
    const k = numbers.indexOf(digits);
    if (k >= 0) numbers.splice(k, 1);
  }
  numbers.push(...months.keys);
  // In English every word is Latin: only capitalised words and acronyms count as anchors there.
  const latin =
    lang === 'en'
      ? (sentence.match(/\b[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*\b/g) ?? []).map((w) => w.toLowerCase())
      : (folded.match(LATIN) ?? []);
  const counts = [0, 0, 0, 0, 0];
  for (let k = 0; k < sentence.length; k++) counts[MARKS[sentence.charCodeAt(k)]!]!++;
  return {
    numbers,
    spelled: words.spelled,
    latin,
    names: nameKeys(sentence, lang),
    question: counts[1]!,
    exclaim: counts[2]!,
    quote: counts[3]! > 0 ? 1 : 0,
    paren: counts[4]! > 0 ? 1 : 0,
  };
}

/** Anchors of a span of sentences in a form the DP compares cheaply: sorted integer codes, punctuation as bits. */
export interface AnchorCodes {
  numbers: Int32Array;
  /** The spelled-out numbers' values. */
  spelled: Int32Array;
  latin: Int32Array;
  names: Int32Array;
  /** Name keys before narrowing (Anchors.nameTotal): the share of a side's names matched is over these. */
  nameTotal: number;
  /** 1 question, 2 exclamation, 4 quotes, 8 parentheses (present anywhere in the span). */
  flags: number;
}

const QUESTION = 1;
const EXCLAIM = 2;
const QUOTE = 4;
const PAREN = 8;

/**
 * Codes a sentence's anchors. `ids` interns strings and must be shared by both sides of an alignment so that
 * equal numbers and words get equal codes.
 */
export function encodeAnchors(a: Anchors, ids: Map<string, number>): AnchorCodes {
  const flags =
    (a.question > 0 ? QUESTION : 0) |
    (a.exclaim > 0 ? EXCLAIM : 0) |
    (a.quote > 0 ? QUOTE : 0) |
    (a.paren > 0 ? PAREN : 0);
  const nameTotal = a.nameTotal ?? a.names.length;
  const none = a.numbers.length === 0 && a.latin.length === 0 && a.spelled.length === 0 && a.names.length === 0;
  if (none && nameTotal === 0) return FLAGS_ONLY[flags]!;
  const code = (strings: string[]) => {
    const out = new Int32Array(strings.length);
    strings.forEach((x, k) => {
      let id = ids.get(x);
      if (id === undefined) ids.set(x, (id = ids.size));
      out[k] = id;
    });
    return out.sort();
  };
  return {
    numbers: code(a.numbers),
    spelled: code(a.spelled),
    latin: code(a.latin),
    names: code(a.names),
    nameTotal,
    flags,
  };
}

/** The codes of two adjacent sentences together. */
export function joinAnchors(a: AnchorCodes, b: AnchorCodes): AnchorCodes {
  const flags = a.flags | b.flags;
  const size = a.numbers.length + b.numbers.length + a.spelled.length + b.spelled.length;
  const nameTotal = a.nameTotal + b.nameTotal;
  if (size + a.latin.length + b.latin.length + a.names.length + b.names.length + nameTotal === 0)
    return FLAGS_ONLY[flags]!;
  const join = (x: Int32Array, y: Int32Array) => {
    const out = new Int32Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out.sort();
  };
  return {
    numbers: join(a.numbers, b.numbers),
    spelled: join(a.spelled, b.spelled),
    latin: join(a.latin, b.latin),
    names: join(a.names, b.names),
    nameTotal,
    flags,
  };
}

const EMPTY = new Int32Array(0);

/** Shared codes of spans with punctuation anchors only, by flags. */
const FLAGS_ONLY: readonly AnchorCodes[] = Array.from({ length: 16 }, (_, flags) => ({
  numbers: EMPTY,
  spelled: EMPTY,
  latin: EMPTY,
  names: EMPTY,
  nameTotal: 0,
  flags,
}));

export const hasAnchorCodes = (a: AnchorCodes): boolean =>
  a.numbers.length > 0 || a.spelled.length > 0 || a.latin.length > 0 || a.names.length > 0 || a.flags !== 0;

/** Whether every code of `a` (sorted) is in `b` (sorted). */
function within(a: Int32Array, b: Int32Array): boolean {
  let y = 0;
  for (let x = 0; x < a.length; x++) {
    while (y < b.length && b[y]! < a[x]!) y++;
    if (y === b.length || b[y] !== a[x]) return false;
  }
  return true;
}

/** Codes two sorted multisets share. */
function common(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length;) {
    if (a[x]! < b[y]!) x++;
    else if (a[x]! > b[y]!) y++;
    else {
      n++;
      x++;
      y++;
    }
  }
  return n;
}

/** The reward for a span whose every name the other span transliterates (less for a share of them). */
const NAME_REWARD = 1;

/** Dice coefficient of two multisets given as sorted codes (no allocation). */
function dice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * common(a, b)) / (a.length + b.length);
}

/**
 * A cost adjustment in nats (negative is better): agreement on numbers and Latin words lowers the cost, numbers on
 * one side only or disagreeing punctuation raises it. Numbers in digits on one side only, each spelled out on the
 * other ("1,000" / «ألف»), are a milder agreement instead of a conflict; spelled-out numbers count for nothing else
 * (a number word's value may be read wrong, or be no number there: «ست» "six" or "lady").
 */
export function anchorCodeCost(a: AnchorCodes, b: AnchorCodes): number {
  const named = a.names.length > 0 && b.names.length > 0;
  if (a.numbers.length === 0 && b.numbers.length === 0 && a.latin.length === 0 && b.latin.length === 0 && !named)
    return PUNCTUATION_COST[a.flags ^ b.flags]!;
  let cost = 0;
  if (named) cost -= (NAME_REWARD * common(a.names, b.names)) / Math.min(a.nameTotal, b.nameTotal);
  if (a.numbers.length || b.numbers.length) {
    const d = dice(a.numbers, b.numbers);
    cost += d > 0 ? -3 * d : within(a.numbers, b.spelled) && within(b.numbers, a.spelled) ? SPELLED_AGREE : 2;
  }
  if (a.latin.length && b.latin.length) cost -= 2 * dice(a.latin, b.latin);
  return punctuation(cost, a.flags ^ b.flags);
}

/** Adds the cost of disagreeing punctuation (the flags that differ) to cost. */
function punctuation(cost: number, differ: number): number {
  if (differ & QUESTION) cost += 1;
  if (differ & EXCLAIM) cost += 0.5;
  if (differ & QUOTE) cost += 0.3;
  if (differ & PAREN) cost += 0.3;
  return cost;
}

/** Numbers in digits on one side all spelled out on the other: half the reward of full agreement. */
const SPELLED_AGREE = -1.5;

const PUNCTUATION_COST = Float64Array.from({ length: 16 }, (_, differ) => punctuation(0, differ));

/** anchorCodeCost for two sentences' anchors (convenience; the DP codes its items once). */
export function anchorCost(a: Anchors, b: Anchors): number {
  const ids = new Map<string, number>();
  return anchorCodeCost(encodeAnchors(a, ids), encodeAnchors(b, ids));
}
