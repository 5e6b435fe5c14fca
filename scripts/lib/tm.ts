/**
 * The TM as the scripts use it: the service over Redis, configured from the environment as the server is
 * (REDIS_URL, MIZAN_KEY_PREFIX, MIZAN_DEFAULT_TM, MIZAN_MAX_QUERY_CHARS). `strict` freshness: a script does not
 * listen for change notifications.
 */
import { loadConfig, silentLogger, type Config } from '../../src/config';
import { isMizanError } from '../../src/errors';
import { createTranslator } from '../../src/i18n';
import { TranslationMemory } from '../../src/service';
import { connectRedis, createRedis, Keys, TmStore } from '../../src/store';

/** Runs `work` with a TranslationMemory, then closes it and the connection whatever happens. */
export async function withTm<T>(work: (tm: TranslationMemory, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, config.redisTimeoutMs);
  const tm = new TranslationMemory(
    new TmStore(redis, new Keys(config.keyPrefix)),
    silentLogger,
    config.defaultTm,
    'strict',
  );
  try {
    return await work(tm, config);
  } finally {
    await tm.close();
    redis.disconnect();
  }
}

/** An error as a script prints it: a MizanError as its code and English message (as the API words it). */
export async function describeError(err: unknown): Promise<string> {
  if (!isMizanError(err)) return (err as Error)?.message ?? String(err);
  const translator = await createTranslator();
  return `${err.code}: ${translator.t(`errors.${err.code}`, 'en', { ...err.params })}`;
}
