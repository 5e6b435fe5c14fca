export { writeTmx, TMX_TOOL, type TmxWriteOptions } from './tmx-write';
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
export { writeTsv, readTsv, escapeTsv, unescapeTsv, type TsvRow } from './tsv';
export { writeHtml } from './html';
