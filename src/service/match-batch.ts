/**
 * A batch of match requests (`POST /api/v1/match/batch`, XLIFF and i18next pretranslation): each query answered on
 * its own by matching.ts, in slices that give the event loop back, within a budget.
 */
import { ErrorCode, isMizanError, MizanError } from '../errors';
import type { TmIndex } from '../match';
import { yieldLoop } from '../slices';
import { matchIn, type Match, type MatchRequest, type QueryObserver } from './matching';
import type { Mirrors } from './mirrors';

/** A batch gives the event loop back after this much searching, so that other requests are not held up. */
export const BATCH_SLICE_MS = 10;

/** One query of a batch: its matches, or the error that query alone met (the others are answered all the same). */
export type BatchSlot = { matches: Match[] } | { error: MizanError };

/** A client's mistake in one query (a TM that does not exist, a query without words); anything else fails the batch. */
function ownError(error: unknown): MizanError | undefined {
  return isMizanError(error) && error.status < 500 ? error : undefined;
}

/** How a batch is run (matchBatch). */
export interface BatchOptions {
  /** Searching time after which the batch gives the event loop back. @default BATCH_SLICE_MS */
  sliceMs?: number;
  /**
   * Milliseconds of searching the whole batch may spend: once spent, the queries left are not run and their slots
   * hold BATCH_BUDGET_EXCEEDED (the answers already computed are kept). @default no budget
   */
  budgetMs?: number;
  /** Aborted when the client went away: the batch stops at its next query and returns the slots run so far. */
  signal?: AbortSignal;
}

/**
 * Several requests: every TM they name is synced once, first, and answers follow in order, each query on its own (a
 * TM that does not exist, or a query without words, is that query's error). The work is done in slices of
 * `sliceMs` with other requests served in between (a write those apply meanwhile may be seen by the batch's
 * later queries, as it would be by a later request). Bounded work: past `budgetMs` of searching the remaining
 * queries are answered BATCH_BUDGET_EXCEEDED; once `signal` aborts, no further query runs and the result holds only
 * the slots computed before (shorter than `requests`: nobody is waiting for the rest).
 */
export async function matchBatch(
  mirrors: Mirrors,
  requests: readonly MatchRequest[],
  options: BatchOptions = {},
  observe?: QueryObserver,
): Promise<BatchSlot[]> {
  const { sliceMs = BATCH_SLICE_MS, budgetMs = Infinity, signal } = options;
  const tms = [...new Set(requests.flatMap((r) => r.tms))];
  const settled = await Promise.all(
    tms.map((tm) =>
      mirrors.indexes([tm], [...new Set(requests.filter((r) => r.tms.includes(tm)).map((r) => r.src))]).then(
        ([index]) => index!,
        (error: unknown) => {
          const own = ownError(error);
          if (!own) throw error;
          return own;
        },
      ),
    ),
  );
  const indexes = new Map(tms.map((tm, i) => [tm, settled[i]!]));
  const results: BatchSlot[] = [];
  let slice = performance.now();
  let spent = 0;
  for (const request of requests) {
    if (performance.now() - slice >= sliceMs) {
      await yieldLoop();
      slice = performance.now();
    }
    if (signal?.aborted) return results;
    if (spent >= budgetMs) {
      results.push({ error: new MizanError(ErrorCode.BATCH_BUDGET_EXCEEDED, { budgetMs }) });
      continue;
    }
    const found = request.tms.map((tm) => indexes.get(tm)!);
    const missing = found.find((f): f is MizanError => isMizanError(f));
    if (missing) {
      results.push({ error: missing });
      continue;
    }
    const started = performance.now();
    try {
      results.push({ matches: matchIn(found as TmIndex[], request, observe) });
    } catch (error) {
      results.push({ error: ownError(error) ?? rethrow(error) });
    }
    spent += performance.now() - started;
  }
  return results;
}

function rethrow(error: unknown): never {
  throw error;
}
