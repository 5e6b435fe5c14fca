export { arabicStem, isArabicWord } from './arabic';
export { canonical, foldText, tokenize, tokenizeFolded, FOLDS, type FoldName } from './pipeline';
export { harmlessDifferences, type DifferenceName } from './differences';
