import { rng } from './rng';

/** Characters that text passes treat specially: final marks, closers, spaces, newlines, CR, tab, letters. */
const RISKY = [
  '.',
  '!',
  '?',
  '؟',
  '。',
  '…',
  '»',
  '"',
  ')',
  '」',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u00a0',
  'a',
  'ك',
  '中',
  '1',
];

/**
 * Characters of every class sentence breaking names (UAX #29 and the rules): letters of each case and script, digits,
 * final marks and terminals of other scripts, continuations, quotes and brackets, spaces of each kind, marks, format
 * characters, separators, and a few words the rules look for.
 */
const CLASSES = [
  ...'aZé1١ك中.!?؟。！？；…۔‼．,،、-:"\'»«“”‘’()[]「」（）《》❛ﾞ',
  ...[' ', ' ', ' ', '\t', '\u3000', '\u00a0', '\u200f', '\u200b', '\u064e', '\ufeff', '\u2028', '\u0085', '\n'],
  ...['Dr', 'U.S', 'etc', 'a.m', 'الساعة', 'هـ', 'The', 'he', '𝐀', '😀'],
];

/** `count` random texts of 1–`length` pieces drawn from CLASSES (seeded), trimmed: every mix nobody wrote down. */
export function fuzzTexts(count: number, length = 60, seed = 11): string[] {
  const random = rng(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * length) }, () => CLASSES[Math.floor(random() * CLASSES.length)])
      .join('')
      .trim(),
  );
}

/**
 * Generated shapes: `count` texts, each a random pattern of 1–12 risky characters (seeded) repeated to `size`, so
 * every kind of run and alternation is tried, not only the ones written down below.
 */
export function generatedTexts(size: number, count: number, seed = 10): Record<string, string> {
  const random = rng(seed);
  const out: Record<string, string> = {};
  for (let k = 0; k < count; k++) {
    const pattern = Array.from(
      { length: 1 + Math.floor(random() * 12) },
      () => RISKY[Math.floor(random() * RISKY.length)]!,
    );
    const unit = pattern.join('');
    out[`generated ${JSON.stringify(unit)}`] = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  }
  return out;
}

/**
 * Texts of a given length shaped to defeat text passes that are not linear: long runs of sentence-final marks, of
 * spaces around newlines, of quotes and closers, very many short sentences in one paragraph, and sentence ends that
 * only ICU can place (the segmenter asks it about those paragraphs). Used by the linear
 * segmentation test and by `npm run bench:segment`.
 */
export function adversarialTexts(size: number): Record<string, string> {
  const fill = (unit: string, prefix = '') => prefix + unit.repeat(Math.ceil((size - prefix.length) / unit.length));
  return {
    'a run of dots': fill('.', 'كلمة '),
    'a run of spaces': `a${' '.repeat(size - 2)}b`,
    'spaces around newlines': fill(' \n ', 'a').replace(/^/, 'x\n\n'),
    'mixed final marks': fill('!?.؟。'),
    'quotes and closers': fill('."»」)'),
    'short Arabic sentences': fill('هذه جملة. '),
    'short Chinese sentences': fill('这是一句话。'),
    'short English sentences with abbreviations': fill('Mr. Li met Dr. Wang at 5 a.m. today. '),
    'one sentence without a mark': fill('كلمة '),
    // Where ICU breaks though no run of final marks ends (src/align/icu-verdict.ts reads these from the text)…
    'terminals of another script': fill('ك۔'),
    'opening brackets after final marks': fill('a!('),
    'format characters after final marks': fill('ك؟\u200f'),
    'line separators': fill('a\u2028'),
    // …and where it cannot: a closer the rules do not list after each final mark sends the text to ICU.
    'unlisted closers after final marks': fill('a!❛'),
  };
}
