export { arabicStem, isArabicWord } from './arabic';
export { canonical, foldText, tokenize, tokenizeFolded, FOLDS, type FoldName } from './pipeline';
export { harmlessDifferences, type DifferenceName } from './differences';
export { fastTokenize } from './fast-tokenize';
export { tokenSpans, type TokenSpan } from './spans';
