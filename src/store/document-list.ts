/**
 * Reading the list of a TM's documents a page at a time, in document order (the docs zset: score = order, ties by
 * id). A page is one ZRANGE and one MULTI of HGETALL for its documents, so neither a long list nor /readyz reads
 * every document hash. The MULTI is never run while a large document write is being applied (settled.ts).
 */
import type { DocumentMeta, Lang } from '../types';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { readSettled } from './settled';

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
  const replies = await readSettled(redis, keys, tm, (m) => {
    for (const id of ids) m.hgetall(keys.doc(tm, id));
  });
  return ids.flatMap((id, i) => {
    const h = replies[i] as Record<string, string>;
    return h && h.hash ? [toSummary(tm, id, h)] : [];
  });
}

/** Every document of the TM (tools and tests; the API pages). */
export async function allDocuments(redis: RedisClient, keys: Keys, tm: string): Promise<DocumentSummary[]> {
  return summaries(redis, keys, tm, await guard(redis, () => redis.zrange(keys.docs(tm), '0', '-1')));
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
  const page = await guard(redis, async () => {
    const docs = keys.docs(tm);
    let start = 0;
    if (after) {
      const [rank, score] = await Promise.all([redis.zrank(docs, after.id), redis.zscore(docs, after.id)]);
      start =
        rank !== null && Number(score) === after.order ? rank + 1 : await redis.zcount(docs, '-inf', `(${after.order}`);
    }
    const flat = await redis.zrange(docs, String(start), String(start + limit - 1), 'WITHSCORES');
    const found: { id: string; order: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) found.push({ id: flat[i]!, order: Number(flat[i + 1]) });
    return found;
  });
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
}

/** How many documents the TM has (one ZCARD). */
export async function documentCount(redis: RedisClient, keys: Keys, tm: string): Promise<number> {
  return guard(redis, () => redis.zcard(keys.docs(tm)));
}
