export {
  alignTexts,
  alignTextsSteps,
  alignDocument,
  alignParagraphs,
  mergeRows,
  REVIEW_BELOW,
  type AlignedRow,
  type ReviewReason,
  type AlignOptions,
  type TextTriple,
  type TargetLang,
  type DocumentAlignment,
} from './aligner';
export { finish, type Steps } from './steps';
export { alignItems, type Bead, type Item } from './dp';
export { Segmenter, segmentText, paragraphs, type Paragraph } from './segment';
export { anchorsOf, anchorCost } from './anchors';
export { DEFAULT_MODELS, lengthCost } from './length-model';
export { flagDocument, flagRow, NEIGHBOUR_BELOW, SECOND_NEIGHBOUR_BELOW } from './flags';
