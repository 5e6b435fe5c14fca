/**
 * The TM as the scripts use it: the service over Redis, configured from the environment as the server is
 * (REDIS_URL, MIZAN_KEY_PREFIX, MIZAN_DEFAULT_TM, MIZAN_MAX_QUERY_CHARS). `strict` freshness: a script does not
 * listen for change notifications. The schema version is checked before anything is read or written.
 */
import { DEFAULT_CONFIG, loadConfig, shownNodes, shownUrl, silentLogger, type Config } from '../../src/config';
import { isMizanError } from '../../src/errors';
import { createTranslator, errorMessage } from '../../src/i18n';
import { indexTexts, requireTmName, TranslationMemory, type Freshness } from '../../src/service';
import {
  checkSchema,
  connectRedis,
  createRedis,
  Keys,
  RedisConnectError,
  TmStore,
  type RedisClient,
} from '../../src/store';

/**
 * Redis did not answer when a script connected, or refused its credentials: its message names the address (never a
 * password), one line.
 */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/** Where the scripts' Redis is, as a message may name it: REDIS_URL with its password as ***, or the cluster's nodes. */
export function redisAddress(config: Pick<Config, 'redisUrl' | 'redisClusterNodes' | 'redisClusterAuth'>): string {
  if (config.redisClusterNodes.length > 0)
    return `the cluster ${shownNodes(config.redisClusterNodes, config.redisClusterAuth)}`;
  return shownUrl(config.redisUrl).replace(/\/$/, '');
}

/**
 * Connects a script's client as the server does; a failure is a RedisUnreachableError naming the address without its
 * password, and saying so when Redis answered and refused the credentials (a wrong or missing password).
 */
export async function connectScriptRedis(
  redis: RedisClient,
  config: Pick<Config, 'redisUrl' | 'redisClusterNodes' | 'redisClusterAuth' | 'redisTimeoutMs'>,
): Promise<void> {
  try {
    await connectRedis(redis, config.redisTimeoutMs);
  } catch (err) {
    if (!(err instanceof RedisConnectError)) throw err;
    const address = redisAddress(config);
    throw new RedisUnreachableError(
      err.kind === 'auth' ? `Redis at ${address} ${err.message}` : `cannot reach Redis at ${address} (${err.reason})`,
    );
  }
}

/** A TranslationMemory of a script and how to close it (and its connection). */
export interface OpenTm {
  tm: TranslationMemory;
  config: Config;
  close(): Promise<void>;
}

/**
 * Connects as the server does and checks the schema version first, like the server's start (store/schema.ts): an
 * empty deployment is marked with the current version, data of another version is refused (SchemaError, naming the
 * migration), so that a script never writes records of one layout into data of another.
 */
export async function openTm(
  config: Config = loadConfig(process.env),
  freshness: Freshness = 'strict',
): Promise<OpenTm> {
  const redis = createRedis(config, silentLogger);
  await connectScriptRedis(redis, config);
  const keys = new Keys(config.keyPrefix);
  try {
    await checkSchema(redis, keys, silentLogger);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  // A command-line import answers no query: it does not build the TM's index as it reads.
  const tm = new TranslationMemory(new TmStore(redis, keys), silentLogger, config.defaultTm, freshness, {
    indexImports: false,
    indexTexts: indexTexts(config),
  });
  return {
    tm,
    config,
    close: async () => {
      await tm.close();
      redis.disconnect();
    },
  };
}

/** Runs `work` with a TranslationMemory (openTm), then closes it and the connection whatever happens. */
export async function withTm<T>(work: (tm: TranslationMemory, config: Config) => Promise<T>): Promise<T> {
  const { tm, config, close } = await openTm();
  try {
    return await work(tm, config);
  } finally {
    await close();
  }
}

/**
 * An error as a script prints it: a MizanError as its code and English message, worded as the API's (errorMessage:
 * its reason translated; `retryAfter` as the server would say it, MIZAN_RETRY_AFTER_S).
 */
export async function describeError(err: unknown): Promise<string> {
  if (!isMizanError(err)) return (err as Error)?.message ?? String(err);
  const translator = await createTranslator();
  return `${err.code}: ${errorMessage(translator, err, 'en', { retryAfter: retryAfterSeconds() })}`;
}

function retryAfterSeconds(): number {
  try {
    return loadConfig(process.env).retryAfterSeconds;
  } catch {
    return DEFAULT_CONFIG.retryAfterSeconds; // the environment's configuration is what failed
  }
}

/**
 * Refuses TM names the API refuses (src/service/tm-names.ts), before anything is opened: `fail` gets the API's
 * message for the first bad one (`INVALID_PARAMETER: Invalid value "Main" for "--tm".`).
 */
export async function checkTmNames(names: readonly string[], fail: (message: string) => never): Promise<void> {
  for (const name of names) {
    try {
      requireTmName(name, '--tm');
    } catch (err) {
      fail(await describeError(err));
    }
  }
}
