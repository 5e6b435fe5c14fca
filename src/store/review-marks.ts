/**
 * Rows a person marked reviewed (lua/markReviewed.lua): per document, a hash from the hash of a row's texts to when
 * they were marked. Marks follow texts, not positions: a correction that only moves a row (a merge above it) keeps
 * its mark, one that changes its texts (or an edit of its unit) leaves it without. Read with the document's rev, so
 * that a caller can tell marks of the rev it read the rows at (TranslationMemory.getDocument).
 */
import { rowHash } from './document-writer';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';
import { readSettled, writesSettled } from './settled';

/** The marks of a document at a rev: row hash → epoch ms of the mark. */
export interface ReviewMarkRead {
  /** The document's rev when the marks were read (null: no such document). */
  rev: string | null;
  marks: Map<string, number>;
}

export type ReviewMarkOutcome = { changed: number } | 'conflict' | 'not-found';

export { rowHash };

export class ReviewMarks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly logMaxLen = 100_000,
  ) {}

  /** The document's marks and its rev, in one MULTI (marks of an earlier document of the same id left out). */
  async read(tm: string, documentId: string): Promise<ReviewMarkRead> {
    const { keys } = this;
    const [doc, marks] = (await readSettled(this.redis, keys, tm, (m) =>
      m.hmget(keys.doc(tm, documentId), 'rev', 'created').hgetall(keys.reviewMarks(tm, documentId)),
    )) as [[string | null, string | null], Record<string, string>];
    const [rev, created] = doc;
    const out = new Map<string, number>();
    if (marks['@doc'] === (created ?? ''))
      for (const [hash, at] of Object.entries(marks)) if (hash !== '@doc') out.set(hash, Number(at));
    return { rev, marks: out };
  }

  /**
   * Marks the rows (or takes their marks back) against the rev they were read at; `rows` names every row whose texts
   * have one of the hashes concerned, so that each of their units is logged. Waits while a large write of the
   * document is being applied.
   */
  async write(
    tm: string,
    documentId: string,
    rev: number,
    mode: 'mark' | 'unmark',
    rows: readonly { unitId: string; hash: string }[],
  ): Promise<ReviewMarkOutcome> {
    const { keys } = this;
    const keyList = [keys.doc(tm, documentId), keys.reviewMarks(tm, documentId), keys.log(tm), keys.seq(tm)];
    const args: (string | number)[] = [rev, Date.now(), this.logMaxLen, keys.changes(tm), mode];
    for (const r of rows) {
      keyList.push(keys.unit(tm, r.unitId));
      args.push(r.unitId, r.hash);
    }
    for (;;) {
      const code = await guard(this.redis, () => this.redis.markReviewed(keyList.length, keyList, args));
      if (code === ScriptCode.CONFLICT) return 'conflict';
      if (code === ScriptCode.NOT_FOUND) return 'not-found';
      if (code !== ScriptCode.WRITING) return { changed: code };
      await writesSettled(this.redis, keys, tm);
    }
  }

  /** Drops the document's marks (after the document itself was deleted). */
  async drop(tm: string, documentId: string): Promise<void> {
    await guard(this.redis, () => this.redis.unlink(this.keys.reviewMarks(tm, documentId)));
  }
}
