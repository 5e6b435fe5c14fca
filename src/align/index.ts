export {
  alignTexts,
  alignDocument,
  alignParagraphs,
  mergeRows,
  REVIEW_BELOW,
  type AlignedRow,
  type AlignOptions,
  type TextTriple,
  type TargetLang,
  type DocumentAlignment,
} from './aligner';
export { alignItems, type Bead, type Item } from './dp';
export { Segmenter, segmentText, paragraphs, type Paragraph } from './segment';
export { anchorsOf } from './anchors';
export { DEFAULT_MODELS, lengthCost } from './length-model';
