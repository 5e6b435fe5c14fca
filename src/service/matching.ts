/**
 * Match and concordance use cases over one or several TMs. Results of several TMs are merged by score; at equal
 * score the TM named first wins (the `tm=` list is a priority order).
 */
import { hitBetter, type DiffSpan, type Hit, type Penalty, type PreparedQuery, type TmIndex } from '../match';
import type { Lang } from '../types';
import type { Mirrors } from './mirrors';
import type { QueryStats } from './observers';

/** Told the work of each query answered (see observers.ts). */
export type QueryObserver = (stats: QueryStats) => void;

export interface MatchRequest {
  q: string;
  src: Lang;
  tgt: readonly Lang[];
  /** Lowest score returned, 0–101. */
  min: number;
  limit: number;
  /** TMs to search, by priority. */
  tms: readonly string[];
  explain?: boolean;
  /** The segments before and after the query in the translator's document (101 when they match too). */
  prev?: string;
  next?: string;
}

export interface Match {
  unitId: string;
  score: number;
  source: { lang: Lang; text: string };
  targets: Partial<Record<Lang, string>>;
  documentId: string | null;
  position: number | null;
  tm: string;
  /** Present when the match differs only in numbers: true if every target carries the query's numbers. */
  adapted?: boolean;
  /** Present with `adapted`: per target, true if it carries the query's numbers, false if it keeps the stored ones. */
  adaptedTargets?: Partial<Record<Lang, boolean>>;
  /** The targets as stored, when one at least was adapted. */
  originalTargets?: Partial<Record<Lang, string>>;
  explain?: { editDistance: number; penalties: Penalty[]; diff: DiffSpan[] | null };
}

export interface ConcordanceRequest {
  q: string;
  lang: Lang;
  tms: readonly string[];
  offset: number;
  limit: number;
}

export interface ConcordanceHit {
  unitId: string;
  tm: string;
  ar: string;
  en: string;
  zh: string;
  documentId: string | null;
  position: number | null;
  /** [start, end) of each occurrence in the `lang` text. */
  highlights: [number, number][];
}

/**
 * A hit as the client sees it: the unit's texts, each target adapted when it can be, the explanation if asked. A
 * number-only match with a target left as stored is scored as the fuzzy match it is for that target (adapt.ts), and
 * is left out when that falls below `min`.
 */
function toMatch(index: TmIndex, query: PreparedQuery, tm: string, hit: Hit, request: MatchRequest): Match | undefined {
  const unit = index.get(hit.unitId);
  if (!unit) return undefined;
  let { score, penalties } = hit;
  const stored: Partial<Record<Lang, string>> = {};
  for (const lang of request.tgt) if (unit[lang]) stored[lang] = unit[lang]; // a language the unit lacks is left out
  const match: Match = {
    unitId: unit.unitId,
    score: hit.score,
    source: { lang: request.src, text: unit[request.src] },
    targets: stored,
    documentId: unit.documentId || null,
    position: unit.documentId ? unit.position : null,
    tm,
  };
  if (hit.adapted) {
    const adaptation = index.adapt(query, request.src, unit, stored);
    const adapted = adaptation?.adapted ?? {};
    const langs = Object.keys(stored) as Lang[];
    match.adapted = langs.every((lang) => adapted[lang]);
    match.adaptedTargets = Object.fromEntries(langs.map((lang) => [lang, adapted[lang] === true]));
    if (adaptation && langs.some((lang) => adapted[lang])) {
      match.targets = adaptation.targets;
      match.originalTargets = stored;
    }
    if (!match.adapted) {
      // A target keeps the stored numbers: no number bonus, no "numbers" penalty (it is an ordinary fuzzy match).
      score = Math.min(score, adaptation?.unadaptedScore ?? score);
      penalties = [];
      if (score < request.min) return undefined;
      match.score = score;
    }
  }
  if (request.explain) {
    match.explain = {
      editDistance: hit.editDistance,
      penalties,
      diff: index.explain(query, unit[request.src]),
    };
  }
  return match;
}

export async function match(mirrors: Mirrors, request: MatchRequest, observe?: QueryObserver): Promise<Match[]> {
  return matchIn(await mirrors.indexes(request.tms, [request.src]), request, observe);
}

/**
 * Hits asked of each index beyond the limit, so that a page still fills when the same pair of texts is stored more
 * than once (the same sentence in several documents or TMs is shown once, at its best score: `distinct`).
 */
const DUPLICATES_SPARED = 10;

/** The hits, best first, whose source and asked targets differ from every better hit's. */
function* distinct(
  indexes: readonly TmIndex[],
  found: readonly { hit: Hit; priority: number }[],
  request: MatchRequest,
): Generator<{ hit: Hit; priority: number }> {
  const seen = new Set<string>();
  for (const f of found) {
    const unit = indexes[f.priority]!.get(f.hit.unitId);
    if (!unit) continue;
    const key = [unit[request.src], ...request.tgt.map((lang) => unit[lang] ?? '')].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    yield f;
  }
}

/**
 * The best `request.limit` matches of the hits, best first. A match can score below its hit (a target not adapted:
 * toMatch), so hits are taken until the page is full and no hit left can beat its worst; then sorted again.
 */
function bestMatches(
  indexes: TmIndex[],
  queries: PreparedQuery[],
  found: { hit: Hit; priority: number }[],
  request: MatchRequest,
): Match[] {
  const matches: Match[] = [];
  const kth = () => matches.map((m) => m.score).sort((a, b) => b - a)[request.limit - 1]!;
  for (const { hit, priority } of distinct(indexes, found, request)) {
    if (matches.length >= request.limit && kth() >= hit.score) break;
    const match = toMatch(indexes[priority]!, queries[priority]!, request.tms[priority]!, hit, request);
    if (match) matches.push(match);
  }
  return matches.sort((a, b) => b.score - a.score).slice(0, request.limit); // stable: ties keep the hits' order
}

/** The most hits asked of one index when duplicates and demoted hits keep a page from filling (bounded work). */
const MOST_ASKED = 2000;

export function matchIn(indexes: TmIndex[], request: MatchRequest, observe?: QueryObserver): Match[] {
  const started = observe ? performance.now() : 0;
  const stats = observe ? { verified: 0 } : undefined;
  const context =
    request.prev !== undefined || request.next !== undefined ? { prev: request.prev, next: request.next } : undefined;
  // Once per TM (each index has its own vocabulary), then used for its search and for every hit it returns.
  const queries = indexes.map((index) => index.query(request.q, request.src));
  // A page short of the limit while an index had more hits to give (many copies of one pair of texts, targets that
  // could not be adapted dropping under min) is asked again for more.
  for (let asked = request.limit + DUPLICATES_SPARED; ; asked *= 4) {
    const found: { hit: Hit; priority: number }[] = [];
    let more = false;
    indexes.forEach((index, priority) => {
      const hits = index.search(queries[priority]!, request.src, {
        min: request.min,
        limit: asked,
        context,
        withTargets: request.tgt,
        stats,
      });
      if (hits.length >= asked) more = true;
      for (const hit of hits) found.push({ hit, priority });
    });
    found.sort((a, b) => b.hit.score - a.hit.score || a.priority - b.priority || (hitBetter(a.hit, b.hit) ? -1 : 1));
    const matches = bestMatches(indexes, queries, found, request);
    if (matches.length >= request.limit || !more || asked >= MOST_ASKED) {
      if (observe) observe({ ms: performance.now() - started, verified: stats!.verified, matches: matches.length });
      return matches;
    }
  }
}

export async function concordance(
  mirrors: Mirrors,
  request: ConcordanceRequest,
): Promise<{ total: number; hits: ConcordanceHit[] }> {
  const indexes = await mirrors.indexes(request.tms, [request.lang]);
  let total = 0;
  let skip = request.offset;
  const hits: ConcordanceHit[] = [];
  indexes.forEach((index, i) => {
    const want = request.limit - hits.length;
    const phrase = index.query(request.q, request.lang); // once per TM, for its search and every highlight
    const page = index.concordance(phrase, request.lang, skip, Math.max(0, want));
    total += page.total;
    skip = Math.max(0, skip - page.total);
    for (const unitId of page.unitIds) {
      const unit = index.get(unitId);
      if (!unit) continue;
      hits.push({
        unitId,
        tm: request.tms[i]!,
        ar: unit.ar,
        en: unit.en,
        zh: unit.zh,
        documentId: unit.documentId || null,
        position: unit.documentId ? unit.position : null,
        highlights: index.highlight(phrase, unit[request.lang]),
      });
    }
  });
  return { total, hits };
}
