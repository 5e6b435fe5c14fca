/** Reads of a TM's units with every field, in pages (TM listings and whole-TM exports), and its counts. */
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { readRecordsSettled } from './settled';
import { RECORD_FIELDS, recordValues, unitRecord } from './unit-record';

export class TmReads {
  constructor(
    readonly redis: RedisClient,
    readonly keys: Keys,
  ) {}

  /** Units and documents of a TM. */
  async counts(tm: string): Promise<{ units: number; documents: number }> {
    return guard(this.redis, async () => {
      const [[, units], [, documents]] = (await this.redis
        .multi()
        .scard(this.keys.units(tm))
        .zcard(this.keys.docs(tm))
        .exec()) as [[null, number], [null, number]];
      return { units, documents };
    });
  }

  /**
   * One page of the TM's unit ids (SSCAN: every unit present for the whole walk is returned at least once; one
   * added or removed meanwhile may or may not be). `cursor` '0' starts; the answer's '0' means the walk is over.
   */
  async unitPage(tm: string, cursor: string, count: number): Promise<{ cursor: string; ids: string[] }> {
    const [next, ids] = await guard(this.redis, () => this.redis.sscan(this.keys.units(tm), cursor, 'COUNT', count));
    return { cursor: next, ids };
  }

  /**
   * The stored fields of these units (RECORD_FIELDS; empty ones left out), in one round trip (settled.ts: one
   * MGET of their records). Undefined for a unit gone meanwhile.
   */
  async unitRecords(tm: string, ids: readonly string[]): Promise<(Record<string, string> | undefined)[]> {
    const records = await this.unitBytes(tm, ids);
    // A plain loop, not a promise a unit: a page is thousands of units.
    const out = new Array<Record<string, string> | undefined>(ids.length).fill(undefined);
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (record) out[i] = unitRecord(recordValues(record, RECORD_FIELDS));
    }
    return out;
  }

  /**
   * The same read as {@link unitRecords}, answered as Redis holds it: per unit, its record (unit-record.ts) as bytes,
   * or null for a unit gone meanwhile.
   */
  async unitBytes(tm: string, ids: readonly string[]): Promise<(Buffer | null)[]> {
    if (ids.length === 0) return [];
    const keyList = this.keys.unitKeys(tm, ids);
    // Never while a large document write is being applied (settled.ts): a page sees each document whole.
    return readRecordsSettled(this.redis, this.keys, tm, keyList);
  }
}
