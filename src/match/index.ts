export { TmIndex } from './tm-index';
export { exhaustiveSearch, hitBetter, type Hit, type SearchOptions } from './exhaustive';
export { analyzeForIndex, analyzeQuery, type AnalyzedText } from './analyzed';
export { fuzzyScore, scoreDetail, distanceLimit, PENALTIES, type Penalty, type ScoreDetail } from './score';
export { TokenDistance, COST_EDIT, COST_CLITIC } from './levenshtein';
export { Vocabulary } from './vocabulary';
