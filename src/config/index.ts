export { loadConfig, ConfigError, DEFAULT_CONFIG, TM_NAME, type Config, type LogLevel } from './config';
export { createLogger, silentLogger, type Logger } from './logger';
