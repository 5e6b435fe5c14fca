/**
 * The Idempotency-Key header on writes (service/idempotency.ts says what it guarantees). A route hands its write over
 * as a function returning the answer (status, headers, JSON body) instead of answering itself; without the header the
 * write runs and is answered as usual. With it (scoped to the TM, the route and the API key that sent it), the first
 * outcome is kept and a retry gets it again, marked `Idempotent-Replayed: true`; when Redis makes the first request
 * wait past the deadline, it is answered 503 at once while its write goes on to record the real outcome.
 */
import type { Request, Response } from 'express';
import { ErrorCode, MizanError, StoreUnavailableError } from '../errors';
import { fingerprint, type TranslationMemory, type WriteOutcome } from '../service';
import { callerOf, noteWrite } from './access';
import { sendJson } from './json-stream';

/** Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, hashes). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface WriteScope {
  /** The TM written. */
  tm: string;
  /** The route as declared, e.g. `PATCH /api/v1/units/:id`. */
  route: string;
  /** The request body as parsed, when the route has one. */
  body?: unknown;
}

function send(res: Response, { status, headers, body }: WriteOutcome): Promise<void> {
  res.status(status).set(headers);
  if (body !== undefined) return sendJson(res, body);
  res.end();
  return Promise.resolve();
}

/** Runs a write and answers it, at most once per Idempotency-Key. */
export async function answerOnce(
  req: Request,
  res: Response,
  tm: TranslationMemory,
  scope: WriteScope,
  write: () => Promise<WriteOutcome>,
): Promise<void> {
  noteWrite(res, { tm: scope.tm });
  const key = req.get('Idempotency-Key');
  if (key === undefined) return send(res, await write());
  if (!KEY.test(key))
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'Idempotency-Key', value: key.slice(0, 100) });
  let late: (err: Error) => void = () => undefined;
  const overdue = new Promise<never>((_, reject) => (late = reject));
  const caller = callerOf(res).key?.id;
  const once = tm.idempotency.once(
    {
      tm: scope.tm,
      route: scope.route,
      ...(caller !== undefined && { caller }),
      key,
      fingerprint: fingerprint([req.method, req.path, req.query, scope.body]),
    },
    write,
    () => late(new StoreUnavailableError(new Error('the write is waiting for Redis past the deadline'))),
  );
  // Whichever loses the race settles unobserved later: the write recording its outcome, or the unused deadline.
  once.catch(() => undefined);
  overdue.catch(() => undefined);
  const { outcome, replayed } = await Promise.race([once, overdue]);
  if (replayed) res.set('Idempotent-Replayed', 'true');
  await send(res, outcome);
}
