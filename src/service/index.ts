export { TranslationMemory, type Readiness, type TaggedUnit } from './translation-memory';
export type { Freshness, IndexStats } from './mirror';
export type { JobEvent, QueryStats, ServiceObserver } from './observers';
export type { Match, MatchRequest, ConcordanceHit, ConcordanceRequest } from './matching';
export type { BatchOptions, BatchSlot } from './match-batch';
export type { UnitHistory } from './unit-history';
export { exportLanguages, requestLanguage, tagLanguage } from './languages';
export { isTmName, requireTmName } from './tm-names';
export { loadSeed, readManifest, readSeedDocument, SeedError, type SeedReport, type Manifest } from './seed';
export { requireStorable, unstorableAt } from './storable';
export { applyCorrections, type Correction } from './corrections';
export type { ImportRequest, ImportResult } from './documents';
export type { DocumentIfMatch } from './document-if-match';
export { MAX_REVIEW_ROWS, type ReviewedDocument, type ReviewedUnit, type ReviewRequest } from './row-review';
export { documentIdFor, standaloneUnitId, unitIdFor, withUnitIds, DOCUMENT_ID, UNIT_ID, JOB_ID } from './ids';
export type { DocumentCursor, DocumentSummary, StoredDocument, UnitTexts } from '../store';
export { openCursor, sealCursor } from './page-cursors';
export { EXPORT_FORMATS, exportDocument, type ExportFormat } from './export';
export {
  MAX_MIN,
  requireMin,
  tmBatchLookup,
  tmLookup,
  XLIFF_BATCH,
  type XliffPretranslateRequest,
  type XliffPretranslation,
  type XliffRequest,
} from './pretranslate';
export {
  targetLanguages,
  i18nextSyntax,
  givenDelimiters,
  DELIMITER_KEYS,
  MAX_DELIMITER,
  type DelimiterInput,
  type I18nextBundles,
  type I18nextRequest,
} from './i18next';
export type { Analysis, AnalysisRow, PretranslateReport, I18nextPretranslation, I18nextKeyReport } from '../formats';
export { formatAnalysis, requireLanguage, HTML_STYLE, withoutPlaceables } from '../formats';
export { JOB_STATUSES, type JobStatus, type JobView, type ImportOptions } from './imports';
export { TM_EXPORT_FORMATS, type TmExportFormat, type TmExportOptions } from './exports';
export {
  Access,
  generateKey,
  isRole,
  roleAtLeast,
  KEY_ID,
  ROLES,
  type ApiKey,
  type NewApiKey,
  type Role,
  type TmLimits,
  type Verified,
} from './access';
export { fingerprint, IDEMPOTENCY_TTL_MS, type WriteOutcome } from './idempotency';
export { AuditQueue, type AuditQueueOptions } from './audit-queue';
export { indexTexts } from './index-texts';
