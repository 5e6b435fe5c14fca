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
