/**
 * Pages of exactly at most `limit` units over SSCAN, whose COUNT is only a hint: one call answers a few more or
 * fewer ids (a small set, held as a listpack, comes whole in one reply). A page takes what it needs from the replies
 * and names where it stopped inside a reply, so the walk keeps SSCAN's guarantee — every unit present for the whole
 * walk is returned at least once; one added or removed meanwhile may or may not be — without buffering anything on
 * the server:
 *
 * - A cursor is the SSCAN cursor (`0` starts), or `scan.count.end.last` when the page stopped inside the reply that
 *   SSCAN gave from `scan` with COUNT `count`: that reply ended at cursor `end` and its ids, sorted, were taken up
 *   to `last`. Every cursor number is SSCAN's, an unsigned 64-bit number; a larger one is refused here. The client
 *   sees this place bound to its TM (page-cursors.ts).
 * - The next page asks SSCAN from `scan` with `count` again. When that reply still ends at `end`, it covers the same
 *   stretch of the set's hash order (SSCAN's cursor names a place in it, whatever the table's size), so every unit
 *   present since the first reply was in it: the ids after `last` are the ones not yet returned. When the reply ends
 *   elsewhere (the set changed in that stretch), the page takes it from its start: some units come twice, none is
 *   missed.
 */
import { invalidCursor, openCursor, sealCursor } from './page-cursors';

/** One SSCAN call: the next cursor ('0' at the end) and the ids of this reply. */
export type Scan = (cursor: string, count: number) => Promise<{ cursor: string; ids: string[] }>;

/** SSCAN calls one page may make before it answers what it has (a sparse table answers empty replies). */
const MAX_CALLS = 16;

const SCAN_CURSOR = /^\d{1,20}$/;
const INSIDE = /^(\d{1,20})\.(\d{1,4})\.(\d{1,20})\.(u[0-9a-f]{20})$/;
/** SSCAN's cursor is an unsigned 64-bit number: Redis answers a larger one with "ERR invalid cursor". */
const MAX_SCAN = 2n ** 64n - 1n;
const scanCursor = (digits: string) => BigInt(digits) <= MAX_SCAN;

interface Place {
  scan: string;
  /** Set when the page stops inside a reply. */
  inside?: { count: number; end: string; last: string };
}

export function readUnitCursor(cursor: string, maxCount: number): Place {
  if (SCAN_CURSOR.test(cursor) && scanCursor(cursor)) return { scan: cursor };
  const m = INSIDE.exec(cursor);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > maxCount || !scanCursor(m[1]!) || !scanCursor(m[3]!)) throw invalidCursor(cursor);
  return { scan: m[1]!, inside: { count, end: m[3]!, last: m[4]! } };
}

const cursorText = ({ scan, inside }: Place) =>
  inside ? `${scan}.${inside.count}.${inside.end}.${inside.last}` : scan;

/** Up to `limit` ids from `cursor` on, and the cursor of the next page ('0' when the walk is over). */
export async function unitIdPage(
  scan: Scan,
  cursor: string,
  limit: number,
): Promise<{ ids: string[]; cursor: string }> {
  let place = readUnitCursor(cursor, Math.max(limit, 1000));
  const ids: string[] = [];
  for (let calls = 0; calls < MAX_CALLS && ids.length < limit; calls++) {
    const count = place.inside?.count ?? limit - ids.length;
    const reply = await scan(place.scan, count);
    const sorted = [...reply.ids].sort();
    const after = place.inside?.end === reply.cursor ? place.inside.last : undefined;
    const fresh = after === undefined ? sorted : sorted.filter((id) => id > after);
    const room = limit - ids.length;
    if (fresh.length > room) {
      const taken = fresh.slice(0, room);
      ids.push(...taken);
      return {
        ids,
        cursor: cursorText({ scan: place.scan, inside: { count, end: reply.cursor, last: taken.at(-1)! } }),
      };
    }
    ids.push(...fresh);
    place = { scan: reply.cursor };
    if (reply.cursor === '0') break;
  }
  return { ids, cursor: place.scan };
}

/** A page of `tm`'s unit ids from a cursor bound to `tm` ('0' starts), and the next one's (null: the walk is over). */
export async function tmUnitIdPage(
  scan: Scan,
  tm: string,
  cursor: string,
  limit: number,
): Promise<{ ids: string[]; cursor: string | null }> {
  const page = await unitIdPage(scan, openCursor(tm, cursor, '0'), limit);
  return { ids: page.ids, cursor: page.cursor === '0' ? null : sealCursor(tm, page.cursor) };
}
