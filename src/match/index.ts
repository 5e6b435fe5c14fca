export { TmIndex, PROBE_MIN, COMPACT_MIN, type SearchOptions, type TmIndexOptions } from './tm-index';
export { openSpillFile, type TextSpill } from './text-arena';
export { hitBetter, scanBlock, searchBlock, SearchScratch, type Hit, type SearchEnv } from './search';
export { prepareQuery, type PreparedQuery } from './query';
export {
  fuzzyScore,
  scoreCandidate,
  distanceLimit,
  PENALTIES,
  NUMBER_PENALTY,
  SCORE_CONTEXT,
  type Penalty,
  type ScoreDetail,
} from './score';
export { TokenDistance, alignTokens, COST_EDIT, COST_CLITIC, type EditOp } from './levenshtein';
export { Vocabulary } from './vocabulary';
export { IndexBlock } from './block';
export { TopK } from './top-k';
export { explainDiff, type DiffSpan } from './explain';
export { adaptNumbers, type Adaptation } from './adapt';
