/**
 * Names written in two scripts: an English proper name and its Arabic transliteration share a consonant skeleton
 * ("Rossby" and «روسبي» are both r-s-b, "Iwasaki" and «إيواساكي» s-k, "Kazakhstan" and «كازاخستان» k-s-k-s-t-n).
 * Vowels, h, w and y are dropped on both sides (Arabic writes long vowels and glides with the same letters), letters
 * Arabic does not tell apart fall into one class (p/b, v/f, z/s, g/j/k/q and their Arabic counterparts), doubled
 * consonants count once. English gives the skeletons of its capitalised words; Arabic those of every word, with a
 * leading clitic (و ف ب ل ك, the article) or none. A shared skeleton of MIN_SKELETON consonants or more is evidence
 * that two sentences name the same thing (anchors.ts); a skeleton shared by chance with an unrelated Arabic word
 * is what the minimum keeps rare (docs/benchmarks.md).
 */

/** Fewest consonant classes a skeleton needs to count. */
export const MIN_SKELETON = 3;

/** Per code unit of the Arabic block (U+0600–U+06FF): its consonant class, or '' (vowel letters, marks). */
const AR_CLASS: string[] = new Array<string>(0x100).fill('');
for (const [letters, cls] of [
  ['بپ', 'b'],
  ['فڤ', 'f'],
  ['تطث', 't'],
  ['دضذظ', 'd'],
  ['سصز', 's'],
  ['ش', 'x'],
  ['كقغجخگ', 'k'],
  ['ل', 'l'],
  ['م', 'm'],
  ['ن', 'n'],
  ['ر', 'r'],
] as const)
  for (const ch of letters) AR_CLASS[ch.charCodeAt(0) - 0x600] = cls;
const TEH = 'ت'.charCodeAt(0);
const SHEEN = 'ش'.charCodeAt(0);

const EN_CLASS: Record<string, string> = {
  b: 'b',
  p: 'b',
  f: 'f',
  v: 'f',
  t: 't',
  d: 'd',
  s: 's',
  z: 's',
  k: 'k',
  q: 'k',
  g: 'k',
  j: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
  '1': 'x',
};

const CLITICS = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
// Letters and the marks between them (a word with tashkeel is one word; the marks have no class).
const ARABIC_WORD = /(?:[\u0621-\u064A\u0671-\u06D3]|\p{Mn})+/gu;
const ENGLISH_NAME = /\b[A-Z][a-z]+(?:-[A-Z][a-z]+)*\b/g;

/** The skeleton of word[from…] (marks and vowel letters skipped; «تش» is one sound, "ch"). */
function arabicSkeleton(word: string, from: number): string {
  let out = '';
  let last = '';
  for (let i = from; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code === TEH && word.charCodeAt(i + 1) === SHEEN) continue;
    const c = code >= 0x600 && code < 0x700 ? AR_CLASS[code - 0x600]! : '';
    if (c && c !== last) out += c;
    if (c) last = c;
  }
  return out;
}

/** The consonant skeleton of a Latin word (see the module comment). */
export function englishSkeleton(word: string): string {
  const w = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/sch|sh|ch/g, '1')
    .replace(/th/g, 't')
    .replace(/ph/g, 'f')
    .replace(/kh|gh|ck|qu/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k');
  let out = '';
  for (const ch of w) {
    const c = EN_CLASS[ch];
    if (c && out[out.length - 1] !== c) out += c;
  }
  return out;
}

/** Skeletons of an Arabic word: as written and without a leading clitic («وكازاخستان» → k-s-k-s-t-n). */
function arabicSkeletons(word: string): readonly string[] {
  const out: string[] = [];
  const whole = arabicSkeleton(word, 0);
  if (whole.length >= MIN_SKELETON) out.push(whole);
  for (const c of CLITICS)
    if (word.length - c.length >= 3 && word.startsWith(c)) {
      const s = arabicSkeleton(word, c.length);
      if (s.length >= MIN_SKELETON && !out.includes(s)) out.push(s);
    }
  return out;
}

/** Words recur: their skeletons are kept, up to WORDS_KEPT words (then the memo starts again). */
const memo = new Map<string, readonly string[]>();
const WORDS_KEPT = 50_000;

function arabicKeys(word: string): readonly string[] {
  let keys = memo.get(word);
  if (keys === undefined) {
    if (memo.size >= WORDS_KEPT) memo.clear();
    memo.set(word, (keys = arabicSkeletons(word)));
  }
  return keys;
}

/** Name keys of a sentence: English capitalised words' skeletons, every Arabic word's; none for Chinese. */
export function nameKeys(sentence: string, lang: 'ar' | 'en' | 'zh'): string[] {
  const out = new Set<string>();
  if (lang === 'en') {
    for (const w of sentence.match(ENGLISH_NAME) ?? []) {
      const s = englishSkeleton(w);
      if (s.length >= MIN_SKELETON) out.add(s);
    }
  } else if (lang === 'ar')
    for (const w of sentence.match(ARABIC_WORD) ?? []) for (const k of arabicKeys(w)) out.add(k);
  return [...out];
}
