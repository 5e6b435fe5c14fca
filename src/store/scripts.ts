/**
 * Loads the Lua scripts in ./lua once per connection with defineCommand (EVALSHA with EVAL fallback) and types
 * them by augmenting ioredis. Each script file opens with its contract: KEYS, ARGV, output and error codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Redis, Result } from 'ioredis';

export const SCRIPT_NAMES = ['putDocument', 'putUnit', 'deleteUnit', 'deleteDocument'] as const;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See lua/putDocument.lua. */
    putDocument(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/putUnit.lua. */
    putUnit(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/deleteDocument.lua. */
    deleteDocument(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/deleteUnit.lua. */
    deleteUnit(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

/** Script error codes (negative returns), named once. */
export const ScriptCode = {
  CONFLICT: -1,
  NOT_FOUND: -2,
} as const;

export function scriptSource(name: (typeof SCRIPT_NAMES)[number]): string {
  return fs.readFileSync(path.join(__dirname, 'lua', `${name}.lua`), 'utf8');
}

export function defineScripts(redis: Redis): void {
  for (const name of SCRIPT_NAMES) {
    redis.defineCommand(name, { lua: scriptSource(name) });
  }
}
