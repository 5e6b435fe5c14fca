/**
 * Writes made at most once per Idempotency-Key. A client that got a 503 (or no answer) for a write cannot know
 * whether it was made: Redis may have run it after mizan stopped waiting. Sent again with the same key, it gets the
 * first request's outcome instead of a second write, a 409 or a 412.
 *
 * - The key is scoped to the TM, the route (`PATCH /api/v1/units/:id`) and the API key that sent it (its id; no
 *   more when a request has none): two clients that happen to send the same key string neither collide nor replay
 *   each other's outcome. Its record (store/idempotency-store.ts) holds the request's fingerprint (method, path,
 *   query, body) and, once known, its outcome, for a day.
 * - The same key with another fingerprint: 422 IDEMPOTENCY_KEY_REUSED. While the first request runs: 409
 *   IDEMPOTENCY_IN_PROGRESS (retry later). Outcomes kept: every answer below 500 (a 412 or 404 included: that was the
 *   first outcome). A 5xx releases the key, so a retry runs again.
 * - The first request runs patiently (store/health.ts): when Redis makes it wait past the deadline, `overdue` is
 *   called and the caller answers 503 at once, but the write keeps waiting for Redis's real answer and records what
 *   it would have answered; the retry then gets that. A claim that cannot be released (Redis gone for good while the
 *   request ran) expires after PENDING_MS, after which a retry runs again.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, MizanError, type ErrorParams } from '../errors';
import { healthOf, IdempotencyStore, type TmStore } from '../store';

/** How long an outcome is kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** How long a claim lasts without an outcome (the longest a write may take, with margin). */
export const PENDING_MS = 10 * 60 * 1000;

/** A write's answer, as it can be given again. */
export interface WriteOutcome {
  status: number;
  headers: Record<string, string>;
  /** JSON; none for 204. */
  body?: unknown;
}

type Recorded = { answer: WriteOutcome } | { error: { code: ErrorCode; params: ErrorParams } };

export interface OnceRequest {
  tm: string;
  /** The route, e.g. `PATCH /api/v1/units/:id`: keys are scoped to it. */
  route: string;
  /** The id of the API key that sent the request, if any: keys are scoped to it. */
  caller?: string;
  key: string;
  /** What the request asks, whole (method, path, query, body): see `fingerprint`. */
  fingerprint: string;
}

/** A fingerprint of what a request asks: equal fingerprints ask the same write. */
export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class Idempotency {
  private readonly records: IdempotencyStore;

  constructor(private readonly store: TmStore) {
    this.records = new IdempotencyStore(store.redis, store.keys);
  }

  /**
   * Runs `write` once for the key, or gives the outcome of the run before: `replayed` then. Errors the write throws
   * are thrown (and kept when below 500); a kept error is thrown again on a replay.
   */
  async once(
    request: OnceRequest,
    write: () => Promise<WriteOutcome>,
    overdue: () => void,
  ): Promise<{ outcome: WriteOutcome; replayed: boolean }> {
    const { tm, key } = request;
    // A key is printable ASCII: no NUL, so the parts cannot run into each other.
    const scope = [request.route, key, ...(request.caller === undefined ? [] : [request.caller])].join('\u0000');
    const digest = createHash('sha256').update(scope).digest('hex').slice(0, 40);
    const run = async () => {
      const claim = await this.records.claim(tm, digest, request.fingerprint, PENDING_MS);
      if (claim !== true) {
        if (claim.fingerprint !== request.fingerprint)
          throw new MizanError(ErrorCode.IDEMPOTENCY_KEY_REUSED, { param: 'Idempotency-Key', key });
        if (claim.state !== 'done') throw new MizanError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, { key });
        const recorded = claim.outcome as Recorded;
        if ('error' in recorded) throw new MizanError(recorded.error.code, recorded.error.params);
        return { outcome: recorded.answer, replayed: true };
      }
      const keep = (outcome: Recorded) =>
        this.records.finish(
          tm,
          digest,
          { state: 'done', fingerprint: request.fingerprint, outcome },
          IDEMPOTENCY_TTL_MS,
        );
      let answer: WriteOutcome;
      try {
        answer = await write();
      } catch (err) {
        if (err instanceof MizanError && err.status < 500)
          await keep({ error: { code: err.code, params: err.params } });
        else await this.records.release(tm, digest).catch(() => undefined);
        throw err;
      }
      await keep({ answer });
      return { outcome: answer, replayed: false };
    };
    const health = healthOf(this.store.redis);
    return health ? health.patiently(run, overdue) : run();
  }
}
