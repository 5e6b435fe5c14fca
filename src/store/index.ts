export { Keys } from './keys';
export {
  TmStore,
  unitIdFor,
  type DocumentSummary,
  type StoredDocument,
  type PutResult,
  type LogEntry,
} from './tm-store';
export { ChangeFeed, type ChangeListener } from './change-feed';
export { createRedis, connectRedis, guard, isUnavailable } from './redis';
export { UnitStore, standaloneUnitId, type UnitTexts, type UnitWriteResult } from './unit-store';
