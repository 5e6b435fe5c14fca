/**
 * The answer cache at the HTTP edge. Translators' tools ask the same segments again and again (repetitions, several
 * people on one project), and a repeat whose TMs have not changed gets the body sent last time, without searching,
 * adapting or serializing.
 *
 * - Answers are keyed by what the route was asked once parsed (`key`: route + q + src + tgt + min + limit + tms + …,
 *   never the raw query string, so unknown parameters or their order make no new entries) and stored with the
 *   revision of every TM searched; the service's `revisions(tms)` (which brings the TMs up to date first) tells
 *   whether they still hold. Any write moves its TM's revision, so a stored answer is never served stale; so does a
 *   rebuild of a TM's index after Redis went back in time or was emptied (the revision carries a generation), so an
 *   answer is never served across such a reset.
 * - Parsing is cheap, but a repeat skips it too: a small memo maps the raw request (route + query string) to its
 *   parsed form, for requests that held only known parameters (anything else is parsed every time).
 * - Both are least-recently-used and bounded in bytes (MIZAN_ANSWER_CACHE_MB; the memo gets an eighth of it).
 *   Process-local and rebuildable: a cache, not state.
 */

/** Rough cost of one entry beyond its strings and body (Map slot, objects, arrays). */
const OVERHEAD = 96;

/** A least-recently-used map bounded by the bytes its entries are said to cost. */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key); // refresh its place in the LRU order
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as costing `bytes` (plus the key); nothing larger than the whole budget is kept. */
  set(key: string, value: V, bytes: number): void {
    const cost = bytes + key.length * 2 + OVERHEAD;
    this.delete(key);
    if (cost > this.maxBytes) return;
    this.entries.set(key, { value, bytes: cost });
    this.used += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }
}

/** A request as a route parsed it: what the cache needs to know about it. */
export interface Parsed<R> {
  request: R;
  /** Canonical: equal keys ask the same question. */
  key: string;
  /** The TMs the answer depends on. */
  tms: readonly string[];
  /** Bytes the parsed request holds (its texts), for the memo's budget. */
  bytes: number;
  /** The raw request held only known parameters, so remembering it cannot be grown by junk. */
  memo: boolean;
}

interface Answer {
  revisions: readonly Revision[];
  body: Buffer;
}

/** A TM's revision: equal revisions mean equal contents (TranslationMemory.revisions: generation and seq). */
export type Revision = string | number;

/** Brings the TMs up to date and gives the revision of each (TranslationMemory.revisions). */
export type Revisions = (tms: readonly string[]) => Promise<readonly Revision[]>;

const same = (a: readonly Revision[], b: readonly Revision[]) => a.length === b.length && a.every((r, i) => r === b[i]);

export class AnswerCache {
  private readonly answers: ByteLru<Answer>;
  private readonly parsed: ByteLru<Parsed<unknown>>;
  /** Answers served from the cache, and computed (absent or stale), since the start (for metrics). */
  hits = 0;
  misses = 0;

  constructor(
    maxBytes: number,
    private readonly revisions: Revisions,
  ) {
    this.answers = new ByteLru(maxBytes - Math.floor(maxBytes / 8));
    this.parsed = new ByteLru(Math.floor(maxBytes / 8));
  }

  get enabled(): boolean {
    return this.answers.maxBytes > 0;
  }

  /** Entries and bytes held (for tests and diagnostics). */
  stats(): { answers: number; answerBytes: number; parsed: number; parsedBytes: number } {
    return {
      answers: this.answers.size,
      answerBytes: this.answers.bytes,
      parsed: this.parsed.size,
      parsedBytes: this.parsed.bytes,
    };
  }

  /**
   * The body answering `raw` (the route and its query string as sent): `parse` validates and names the request
   * (errors propagate), `render` computes and serializes the answer when no stored one is still true.
   */
  async answer<R>(raw: string, parse: () => Parsed<R>, render: (request: R) => Promise<Buffer>): Promise<Buffer> {
    if (!this.enabled) return render(parse().request);
    let parsed = this.parsed.get(raw) as Parsed<R> | undefined;
    if (!parsed) {
      parsed = parse();
      if (parsed.memo) this.parsed.set(raw, parsed, parsed.bytes + parsed.key.length * 2);
    }
    // Read before computing: an answer stored with revisions older than what it saw is only ever recomputed.
    const revisions = await this.revisions(parsed.tms);
    const hit = this.answers.get(parsed.key);
    if (hit && same(hit.revisions, revisions)) {
      this.hits++;
      return hit.body;
    }
    this.misses++;
    const body = await render(parsed.request);
    this.answers.set(parsed.key, { revisions, body }, body.length);
    return body;
  }
}
