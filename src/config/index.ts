export {
  loadConfig,
  ConfigError,
  DEFAULT_CONFIG,
  TM_NAME,
  API_KEY,
  type Config,
  type LogLevel,
  type MetricsMode,
} from './config';
export { shownNodes, shownUrl, shownUrls, type RedisAuth } from './redis-url';
export { createLogger, RateLimitedWarnings, silentLogger, type LogFields, type Logger, type WarnLimit } from './logger';
export { missingStartSettings, START_ENV, START_NODE_FLAGS, startEnv } from './start-settings';
