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
 * spaces around newlines, of quotes and closers, and very many short sentences in one paragraph. Used by the linear
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
  };
}
