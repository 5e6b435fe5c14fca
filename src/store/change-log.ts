/**
 * What the mirrors read to follow Redis: each TM's change log (stream) and seq counter, and the deployment's epoch.
 * The log says what changed since an entry; the seq and the epoch say whether Redis still holds the history this
 * process saw: a seq lower than one seen, or an epoch gone or changed, means Redis went back in time or was replaced
 * (a restored AOF or RDB, a failover to a lagging replica, FLUSHALL), and whatever was built from it is rebuilt.
 */
import { randomBytes } from 'node:crypto';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';

export interface LogEntry {
  id: string;
  seq: number;
  /**
   * `put`/`del`: the units named changed or were deleted. `doc`: a large document write or delete ended
   * (lua/finishDocument): any unit of `documentId`, those it has now and those it had, may have changed.
   */
  op: 'put' | 'del' | 'doc';
  /**
   * One unit (field `id`), or up to 1,000 (field `ids`, separated by spaces: lua/commitImport writes one such entry
   * per 1,000 units it commits, as commitDocument did before `doc` entries); none for a `doc` entry.
   */
  unitIds: string[];
  /** The document of a `doc` entry (field `doc`). */
  documentId?: string;
}

function logEntry([id, fields]: [string, string[]]): LogEntry {
  const f: Record<string, string> = {};
  const unitIds: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'id') unitIds.push(fields[i + 1]!);
    else if (fields[i] === 'ids') unitIds.push(...fields[i + 1]!.split(' '));
    else f[fields[i]!] = fields[i + 1]!;
  }
  if (f.op === 'doc') return { id, seq: Number(f.seq), op: 'doc', unitIds, documentId: f.doc ?? '' };
  return { id, seq: Number(f.seq), op: f.op === 'del' ? 'del' : 'put', unitIds };
}

/** The id and seq of a TM's last log entry as XREVRANGE … COUNT 1 answers it ('0-0' and 0 for an empty log). */
export function tailOf(last: [string, string[]] | undefined): { id: string; seq: number } {
  if (!last) return { id: '0-0', seq: 0 };
  const fields = last[1];
  return { id: last[0], seq: Number(fields[fields.indexOf('seq') + 1]) };
}

/**
 * What touchedSince reads at most to tell whether a document's units changed since a seq (an If-Match tag's): log
 * entries after it, and unit ids in them (an import's entry names up to 1,000). A tag further behind counts as changed.
 */
export const CHANGES_CHECKED = { entries: 1000, unitIds: 200_000 };
/** Entries per XREVRANGE: at most 50,000 unit ids a reply. */
const CHANGES_PAGE = 50;

export class ChangeLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * The deployment's epoch: a random id written when it is first asked for (SET NX, so instances agree) and never
   * changed. If it later reads as another id or as absent, Redis no longer holds the data this process saw (FLUSHALL,
   * a restore of other data): what the process keeps from Redis must be rebuilt.
   */
  async epoch(create = true): Promise<string | undefined> {
    return guard(this.redis, async () => {
      if (create) await this.redis.set(this.keys.epoch(), randomBytes(8).toString('hex'), 'NX');
      return (await this.redis.get(this.keys.epoch())) ?? undefined;
    });
  }

  /** The TM's seq counter: the seq of its last write (0 before any). */
  async seq(tm: string): Promise<number> {
    return guard(this.redis, async () => Number((await this.redis.get(this.keys.seq(tm))) ?? 0));
  }

  /**
   * The first log entry after `afterId` and the TM's seq counter, in one round trip (both in the TM's slot). A seq
   * lower than one seen before means Redis went back in time (a restored AOF or RDB, a failover to a replica that
   * lagged): entries after `afterId` cannot tell that, as a rolled-back log simply ends earlier.
   */
  async peek(tm: string, afterId: string): Promise<{ next?: LogEntry; seq: number }> {
    return guard(this.redis, async () => {
      const replies = (await this.redis
        .pipeline()
        .xrange(this.keys.log(tm), `(${afterId}`, '+', 'COUNT', 1)
        .get(this.keys.seq(tm))
        .exec()) as [Error | null, unknown][];
      for (const [err] of replies) if (err) throw err;
      const [entry] = (replies[0]![1] as [string, string[]][]).map(logEntry);
      return { ...(entry ? { next: entry } : {}), seq: Number(replies[1]![1] ?? 0) };
    });
  }

  /** Log entries after `afterId` (exclusive), oldest first. */
  async read(tm: string, afterId: string, count: number): Promise<LogEntry[]> {
    return guard(this.redis, async () => {
      const entries = await this.redis.xrange(this.keys.log(tm), `(${afterId}`, '+', 'COUNT', count);
      return entries.map(logEntry);
    });
  }

  /**
   * Whether a write after seq `after` may have changed one of `unitIds` or the document `documentId`: a log entry
   * newer than `after` names one of the units, or is the end of a large write of the document (`doc`). Read newest
   * first, a page at a time (each call under its own deadline), down to `after`. True as well, conservatively, when the
   * log cannot tell: the TM's seq is below `after` (Redis went back in time), more than CHANGES_CHECKED came after it,
   * or the log was trimmed past it (its oldest entry is later than `after` + 1: every write logs one entry per seq,
   * numbered without gaps).
   */
  async touchedSince(tm: string, after: number, unitIds: ReadonlySet<string>, documentId: string): Promise<boolean> {
    const seq = await this.seq(tm);
    if (seq === after) return false;
    if (seq < after || seq - after > CHANGES_CHECKED.entries) return true;
    let end = '+';
    let oldest = Infinity;
    let named = 0;
    for (;;) {
      const page = await guard(this.redis, () =>
        this.redis.xrevrange(this.keys.log(tm), end, '-', 'COUNT', CHANGES_PAGE),
      );
      for (const entry of page.map(logEntry)) {
        if (entry.seq <= after) return false;
        if (entry.op === 'doc' ? entry.documentId === documentId : entry.unitIds.some((id) => unitIds.has(id)))
          return true;
        named += entry.unitIds.length;
        if (named > CHANGES_CHECKED.unitIds) return true;
        oldest = entry.seq;
      }
      if (page.length < CHANGES_PAGE) return oldest !== after + 1;
      end = `(${page[page.length - 1]![0]}`;
    }
  }

  /** The newest log entry's id and seq, or the origin when the log is empty. */
  async tail(tm: string): Promise<{ id: string; seq: number }> {
    return guard(this.redis, async () => {
      const [last] = await this.redis.xrevrange(this.keys.log(tm), '+', '-', 'COUNT', 1);
      return tailOf(last);
    });
  }
}
