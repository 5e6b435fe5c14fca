export { Keys } from './keys';
export {
  TmStore,
  type DocumentCursor,
  type DocumentSummary,
  type DocumentToWrite,
  type RowToWrite,
  type StoredDocument,
  type PutResult,
} from './tm-store';
export { ChangeLog, type LogEntry } from './change-log';
export { ChangeFeed, type ChangeListener } from './change-feed';
export type { Outage } from './health';
export {
  createRedis,
  connectRedis,
  isAuthRefused,
  isCluster,
  RedisConnectError,
  pubSubMode,
  type PubSubMode,
  type RedisClient,
} from './redis';
export { HISTORY_FIELDS, UnitStore, type UnitTexts, type UnitWriteResult } from './unit-store';
export { checkSchema, migrationSteps, SchemaError, SCHEMA_VERSION } from './schema';
export {
  Fenced,
  ImportStore,
  RECORD_FIELDS,
  unitRecord,
  type StagedRecords,
  type JobTransition,
  type CommitCounts,
  type TmState,
} from './import-store';
export { encodedUnits, recordUnit, type RowTmx } from './unit-read';
export { AccessStore, type StoredKey, type AuditEntry, type AuditFields, type RateCount } from './access-store';
export { IdempotencyStore, type IdempotencyRecord } from './idempotency-store';
export type { RedisHealth } from './health';
export { healthOf, isUnavailable } from './redis';
export { memoryPolicy, memoryPolicyWarning } from './memory-policy';
export { dumpTm, restoreTm, deleteTm, replaceTm, type DumpedKey } from './tm-dump';
export { LARGE_DOCUMENT_ROWS } from './document-writer';
export { ReviewMarks, rowHash, type ReviewMarkOutcome, type ReviewMarkRead } from './review-marks';
