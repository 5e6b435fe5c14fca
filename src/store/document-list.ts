/**
 * Reading the list of a TM's documents a page at a time, in document order (the docs zset: score = order, ties by
 * id). A page is one ZRANGE and one pipeline of HGETALL for its documents, so neither a long list nor /readyz reads
 * every document hash.
 */
import type { DocumentMeta, Lang } from '../types';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';

export interface DocumentSummary extends DocumentMeta {
  tm: string;
  /** Number of rows. */
  segments: number;
  /** Epoch ms of first and last write. */
  created: number;
  updated: number;
  /** Increases with every write of the document. */
  rev: number;
}

/** Where a page ends: the last document's order and id. The next page starts after it, even if it was deleted. */
export interface DocumentCursor {
  order: number;
  id: string;
}

export function toSummary(tm: string, id: string, h: Record<string, string>): DocumentSummary {
  const titles = JSON.parse(h.titles ?? '{}') as Partial<Record<Lang, string>>;
  const summary: DocumentSummary = {
    id,
    tm,
    titles: { ar: titles.ar ?? '', en: titles.en ?? '', zh: titles.zh ?? '' },
    source: h.source ?? '',
    date: h.date ?? '',
    order: Number(h.order ?? 0),
    segments: Number(h.segments ?? 0),
    created: Number(h.created ?? 0),
    updated: Number(h.updated ?? 0),
    rev: Number(h.rev ?? 0),
  };
  if (h.url) summary.url = h.url;
  return summary;
}

/** Summaries of these documents (those that no longer exist left out). */
async function summaries(redis: RedisClient, keys: Keys, tm: string, ids: string[]): Promise<DocumentSummary[]> {
  if (ids.length === 0) return [];
  const pipe = redis.pipeline();
  for (const id of ids) pipe.hgetall(keys.doc(tm, id));
  const replies = (await pipe.exec()) ?? [];
  return ids.flatMap((id, i) => {
    const [err, h] = replies[i] as [Error | null, Record<string, string>];
    if (err) throw err;
    return h && h.hash ? [toSummary(tm, id, h)] : [];
  });
}

/** Every document of the TM (tools and tests; the API pages). */
export async function allDocuments(redis: RedisClient, keys: Keys, tm: string): Promise<DocumentSummary[]> {
  return guard(redis, async () => summaries(redis, keys, tm, await redis.zrange(keys.docs(tm), '0', '-1')));
}

/**
 * Up to `limit` documents after `after` (from the first without it), and the cursor of the next page (undefined on
 * the last). The page starts at the rank of `after` when it still exists; otherwise at the first document whose
 * (order, id) comes after it.
 */
export async function documentPage(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  after: DocumentCursor | undefined,
  limit: number,
): Promise<{ documents: DocumentSummary[]; next?: DocumentCursor }> {
  return guard(redis, async () => {
    const docs = keys.docs(tm);
    let start = 0;
    if (after) {
      const [rank, score] = await Promise.all([redis.zrank(docs, after.id), redis.zscore(docs, after.id)]);
      start =
        rank !== null && Number(score) === after.order ? rank + 1 : await redis.zcount(docs, '-inf', `(${after.order}`);
    }
    const flat = await redis.zrange(docs, String(start), String(start + limit - 1), 'WITHSCORES');
    const page: { id: string; order: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) page.push({ id: flat[i]!, order: Number(flat[i + 1]) });
    // Without `after` in the set, documents of its order up to its id were listed on the page before.
    const fresh = after ? page.filter((d) => d.order > after.order || d.id > after.id) : page;
    const documents = await summaries(
      redis,
      keys,
      tm,
      fresh.map((d) => d.id),
    );
    const last = page[page.length - 1];
    return page.length === limit && last ? { documents, next: { order: last.order, id: last.id } } : { documents };
  });
}

/** How many documents the TM has (one ZCARD). */
export async function documentCount(redis: RedisClient, keys: Keys, tm: string): Promise<number> {
  return guard(redis, () => redis.zcard(keys.docs(tm)));
}
