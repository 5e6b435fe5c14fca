export { writeTmx, TMX_TOOL, type RowUnitTmx, type TmxWriteOptions } from './tmx-write';
export {
  readTmx,
  parseTmx,
  baseLanguage,
  decodeXmlBytes,
  type TmxFile,
  type TmxUnit,
  type TmxHeader,
} from './tmx-read';
export { tmxToDocuments } from './tmx-documents';
export { writeTsv, readTsv, escapeTsv, unescapeTsv, placeablesAsText, type TsvRow } from './tsv';
export { HTML_STYLE, writeHtml } from './html';
export {
  parseXliff,
  CONFIRMED_STATES,
  MATCHES_NS,
  type XliffDocument,
  type XliffSegment,
  type XliffUnit,
} from './xliff';
export { type XliffCode, type XliffContent, checkPlaceables, PLACEABLE_BASE } from './xliff-inline';
export { decodeXml, encodeXml, type XmlEncoding } from './xliff-xml';
export {
  BANDS,
  bandOf,
  defaultParseLang,
  resolveLanguages,
  type Band,
  type Candidate,
  type BatchLookup,
  type Lookup,
  type LookupContext,
  type LookupQuery,
  type Lookups,
  type ParseLang,
} from './xliff-lookup';
export { mapTmCodes, type MappedCodes, type TmOnlyCodes } from './tm-codes';
export { MAX_ALIGN_CELLS, placesIn, type Span } from './places';
export { ORIGIN as PRETRANSLATE_ORIGIN } from './xliff-write';
export {
  pretranslateXliff,
  pretranslateXliffFile,
  PRETRANSLATE_DEFAULTS,
  type PretranslateOptions,
  type PretranslateReport,
  type SegmentReport,
  type SegmentStatus,
} from './pretranslate';
export { analyzeXliff, formatAnalysis, countText, type Analysis, type AnalysisRow } from './analyze';
export {
  flattenResources,
  groupPlurals,
  pluralCategories,
  protect as protectI18next,
  restore as restoreI18next,
  checkI18nextPlaceables,
  type I18nextEntry,
  type I18nextItem,
  type JsonKind,
  type KeyPath,
  type PlaceablesCheck,
  type ShapeConflict,
  type I18nextSyntax,
} from './i18next';
export {
  pretranslateI18next,
  sourceFormsFor,
  type I18nextPretranslateOptions,
  type I18nextPretranslation,
  type I18nextKeyReport,
  type KeyStatus,
  type IcuReport,
  type IcuBranchReport,
  type IcuReason,
} from './i18next-pretranslate';
export { DRAFTED } from './i18next-report';
export { parseIcu, printIcu, looksLikeIcu, IcuSyntaxError, type IcuNode } from './icu';
export { documentToI18next, unitsToI18next, toI18nextBundles, type I18nextExportOptions } from './i18next-export';
export { parseLanguageTag, languageOf, languageFamily, requireLanguage, type LanguageTag } from './language-tags';
export {
  SegmentBuilder,
  segmentXml,
  matchCodes,
  remapPlaceables,
  placeableChar,
  isPlaceable,
  hasPlaceables,
  stripPlaceables,
  withoutPlaceables,
  MAX_PLACEABLES,
  type InlineCode,
  type CodeKind,
} from './placeables';
export { decodeXmlStream, safeXmlParser, declaredEncoding, type ByteSource } from './xml-stream';
export * from './tmx-model';
export {
  TmxStreamReader,
  readTmxUnits,
  DEFAULT_MAX_UNIT_CHARS,
  type TmxReadOptions,
  type TmxFileContents,
} from './tmx-stream';
export {
  TmxStreamWriter,
  writeTmxUnits,
  tuXml,
  tuStart,
  TU_END,
  tmxHead,
  documentProps,
  TMX_TAIL,
  type TmxStreamWriteOptions,
} from './tmx-stream-write';
export {
  TuMerger,
  mergeUnits,
  foldUnit,
  arabicKey,
  MAX_CONFLICT_SAMPLES,
  type MergeOutcome,
  type MergeConflict,
  type MergeCounts,
  type MergeStatus,
} from './tu-merge';
