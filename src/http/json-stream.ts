/**
 * JSON answers written in slices. `res.json` serializes the whole body in one go: for a document of 50,000 rows that
 * is tens of milliseconds (and a string of megabytes) during which no other request is served. Here a body whose
 * arrays are long is written a run of elements at a time, giving the event loop back between runs (yieldLoop: one
 * slice per turn, whatever else is slicing) and waiting for the socket to drain when the client reads slowly. The
 * bytes are those JSON.stringify writes (no spaces, `undefined` and functions left out of objects, null in arrays).
 */
import type { Response } from 'express';
import { SLICE_MS, yieldLoop } from '../slices';

/** Arrays longer than this are written in runs of RUN elements; anything smaller goes to JSON.stringify whole. */
export const SLICED_FROM = 1000;
const RUN = 500;

/** True when the value holds an array longer than SLICED_FROM within its first two levels (the shapes answers have). */
function large(value: unknown, depth = 0): boolean {
  if (Array.isArray(value)) return value.length > SLICED_FROM || (depth < 2 && value.some((v) => large(v, depth + 1)));
  if (value === null || typeof value !== 'object' || depth >= 2) return false;
  return Object.values(value).some((v) => large(v, depth + 1));
}

/** The JSON text of a value, in pieces: whole for small parts, a run of elements at a time for long arrays. */
function* pieces(value: unknown, depth = 0): Generator<string, void, void> {
  if (!large(value, depth)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    let run = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) run += ',';
      const item = value[i] as unknown;
      if (large(item, depth + 1)) {
        yield run;
        run = '';
        yield* pieces(item, depth + 1);
        continue;
      }
      run += JSON.stringify(item === undefined || typeof item === 'function' ? null : item) ?? 'null';
      if ((i + 1) % RUN === 0) {
        yield run;
        run = '';
      }
    }
    yield `${run}]`;
    return;
  }
  let head = '{';
  let first = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    head += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (large(item, depth + 1)) {
      yield head;
      head = '';
      yield* pieces(item, depth + 1);
    } else head += JSON.stringify(item);
  }
  yield `${head}}`;
}

/** The JSON text of a value, as `pieces` cuts it (for tests: it must equal JSON.stringify's). */
export function jsonPieces(value: unknown): string[] {
  return [...pieces(value)];
}

/**
 * Answers with the value as JSON (Content-Type application/json): at once when it is small, in slices when it holds
 * a long array. Resolves when the last byte is handed to the socket. Either way a GET or HEAD whose If-None-Match
 * names the ETag already set on `res` is 304 without a body (res.json decides that for the small ones; the sliced
 * path asks req.fresh the same question before writing anything), and a HEAD is answered with the headers alone.
 */
export async function sendJson(res: Response, value: unknown): Promise<void> {
  if (!large(value)) {
    res.json(value);
    return;
  }
  if (res.req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json; charset=utf-8');
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  let slice = performance.now();
  for (const piece of pieces(value)) {
    if (res.destroyed) return;
    if (piece === '') continue;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => drained(res, resolve));
      slice = performance.now();
    } else if (performance.now() - slice >= SLICE_MS) {
      await yieldLoop();
      slice = performance.now();
    }
  }
  res.end();
}

/** Calls back once the socket takes more (or is gone). */
function drained(res: Response, done: () => void): void {
  const finish = () => {
    res.off('drain', finish);
    res.off('close', finish);
    done();
  };
  res.on('drain', finish);
  res.on('close', finish);
}
