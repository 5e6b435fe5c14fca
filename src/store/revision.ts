/**
 * The optimistic write every document-touching script shares: read the document's rev (and whatever else the
 * script needs, its rows), pass it to the script, and read again when the script answers CONFLICT because the
 * document was written in between. Scripts must be told every key up front (Redis Cluster), so they cannot read the
 * rows themselves; contention on one document is rare, so a retry is cheap and seldom.
 */
import type { RedisClient } from './redis';
import type { Keys } from './keys';
import { ScriptCode } from './scripts';
import { readSettled } from './settled';

/** Conflicts in a row after which a write gives up (with an error: something rewrites the document constantly). */
export const MAX_WRITE_ATTEMPTS = 8;

/** A document as a write script's caller sees it: its rev ('' when absent) and its rows' unit ids, in order. */
export interface DocumentRevision {
  /** null when the document does not exist. */
  rev: string | null;
  rows: string[];
}

/**
 * The document's rev and rows, read together (MULTI), so the rows are those of that rev; never while a large write is
 * being applied (settled.ts), so never a rev whose write is half done. Runs its own `guard`s: call it outside one.
 */
export async function readRevision(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  documentId: string,
): Promise<DocumentRevision> {
  const [rev, rows] = (await readSettled(redis, keys, tm, (m) =>
    m.hget(keys.doc(tm, documentId), 'rev').lrange(keys.docRows(tm, documentId), 0, -1),
  )) as [string | null, string[]];
  return { rev, rows };
}

/**
 * Reads with `read`, runs the script with what was read, and does both again while the script answers CONFLICT.
 * Returns the script's first other answer. `run` may throw instead, to refuse a conflict rather than retry it.
 */
export async function withRevision<S>(
  subject: string,
  read: () => Promise<S>,
  run: (seen: S) => Promise<number>,
): Promise<number> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const code = await run(await read());
    if (code !== ScriptCode.CONFLICT) return code;
  }
  throw new Error(`${subject} kept changing during ${MAX_WRITE_ATTEMPTS} write attempts`);
}
