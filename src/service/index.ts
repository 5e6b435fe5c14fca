export { TranslationMemory, type Match, type MatchRequest, type Readiness } from './translation-memory';
export { loadSeed, readManifest, readSeedDocument, SeedError, type SeedReport, type Manifest } from './seed';
