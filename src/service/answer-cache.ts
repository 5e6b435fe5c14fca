/**
 * Serialized match answers (UTF-8 JSON, ready to send), keyed by the request as sent and stored with the revision of
 * every TM it searched. Any write to a TM moves its revision, so a cached answer is never served stale; entries age
 * out least-recently-used. Translators' tools ask the
 * same segments again and again (repetitions, several people on one project), and a hit skips searching, adapting,
 * explaining and serializing. Process-local and rebuildable: a cache, not state.
 */
export class AnswerCache<V = Buffer> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key); // refresh its place in the LRU order
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
