export { arabicStem, foldAlef, foldArabicDigits, foldYaAndTaMarbuta, isArabicWord, stripTashkeel } from './arabic';
export { englishStem } from './english';
export { wordStem } from './stem';
export { canonical, foldText, FOLDS, type FoldName } from './pipeline';
export { harmlessDifferences, type DifferenceName } from './differences';
export {
  codesToString,
  tokenize,
  hasTokens,
  tokenizeCodes,
  tokenizeFolded,
  tokenSpans,
  TokenBuffer,
  type TokenSpan,
} from './tokenizer';
export { tables as prepareTables } from './tables';
