/**
 * Interns tokens as small integers so that the edit distance compares numbers, not strings.
 *
 * Each token id also has a stem id (`stems[id]`): for Arabic words the word without its proclitics
 * (و ف ب ك ل ال …), for English words the word without its plural ending (normalize/english.ts), for every other
 * token the token itself. Two different tokens with the same stem differ "by a clitic" (or an inflection) and cost
 * a fraction of an edit. The vocabulary is derived data: any process rebuilds it from Redis.
 *
 * The table is an open-addressing hash over the tokens' UTF-16 code units (FNV-1a), so the indexer interns straight
 * from the tokenizer's code buffer without creating a string per token occurrence; a string is made once per
 * distinct token.
 */
import { codesToString, TokenBuffer, wordStem } from '../normalize';

/** A query's tokens: ids (negative for tokens the TM has never seen) and stem ids, position by position. */
export interface QueryTokens {
  tokens: string[];
  ids: Int32Array;
  stems: Int32Array;
}

const NUMBER = /^\p{Nd}+(?:[.,]\p{Nd}+)*$/u;

/** Whether the code units are ASCII digits only (and at least one). */
function asciiDigits(codes: Uint16Array, from: number, len: number): boolean {
  if (len === 0) return false;
  for (let i = from; i < from + len; i++) if (codes[i]! < 48 || codes[i]! > 57) return false;
  return true;
}

function hashCodes(codes: Uint16Array, from: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + len; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  return h >>> 0;
}

/** Token strings that queries asked for kept at most (then the cache starts again empty). */
const ASKED_MAX = 1 << 16;

export class Vocabulary {
  /**
   * Tokens are kept as their UTF-16 code units in one pool; a token's string is made when interning needs it (a
   * word's stem; a digit run, whose stem and number flag its code units give, needs none) and then let go. Only the
   * strings queries ask for (`token`: each known token of a query, number adaptation) are kept, up to ASKED_MAX,
   * so that a query's words are not made again at each query. Every token's string held for good, as until the
   * sixteenth session, was tens of megabytes of heap at a million units (the array of them alone 8 MB).
   */
  private readonly asked = new Map<number, string>();
  private count = 0;
  private pool = new Uint16Array(64 * 1024);
  private poolUsed = 0;
  private starts = new Int32Array(1024);
  private hashes = new Uint32Array(1024);
  private table = new Int32Array(4096); // id + 1, 0 = empty
  private stemTable = new Int32Array(1024);
  private numberTable = new Uint8Array(1024);
  private scratch = new Int32Array(256);
  private readonly codes = new TokenBuffer();
  private stemCodes: TokenBuffer | undefined;

  get size(): number {
    return this.count;
  }

  /** stem id of each token id; valid for ids < size. Read-only view for hot loops. */
  get stems(): Int32Array {
    return this.stemTable;
  }

  /** 1 where the token id is a number (a digit run). */
  get numbers(): Uint8Array {
    return this.numberTable;
  }

  token(id: number): string {
    if (id < 0 || id >= this.count) return '';
    let string = this.asked.get(id);
    if (string === undefined) {
      string = this.made(id);
      if (this.asked.size >= ASKED_MAX) this.asked.clear();
      this.asked.set(id, string);
    }
    return string;
  }

  isNumber(token: string): boolean {
    return NUMBER.test(token);
  }

  /** Interns tokenized code units (index side). Returns ids in a buffer reused by the next call: copy to keep. */
  internCodes(tokens: TokenBuffer): Int32Array {
    if (this.scratch.length < tokens.count) this.scratch = new Int32Array(tokens.count * 2);
    const ids = this.scratch;
    for (let t = 0; t < tokens.count; t++) ids[t] = this.idFor(tokens.codes, tokens.starts[t]!, tokens.lens[t]!, true);
    return ids.subarray(0, tokens.count);
  }

  /** Interns token strings (index side). Same buffer contract as internCodes. */
  intern(tokens: readonly string[]): Int32Array {
    this.codes.clear();
    for (const token of tokens) this.codes.pushString(token);
    return this.internCodes(this.codes);
  }

  /** The id of a known token, or −1. */
  find(token: string): number {
    this.codes.clear();
    this.codes.pushString(token);
    return this.idFor(this.codes.codes, 0, token.length, false);
  }

  /**
   * Looks tokenized code units up without growing the vocabulary (query side, so hostile queries cannot bloat
   * memory). Unknown tokens (and unknown stems) get negative ids, equal for equal strings within this call.
   */
  lookupCodes(tokens: TokenBuffer): QueryTokens {
    const unknown = new Map<string, number>();
    const unknownId = (s: string): number => {
      let temp = unknown.get(s);
      if (temp === undefined) {
        temp = -1 - unknown.size;
        unknown.set(s, temp);
      }
      return temp;
    };
    const n = tokens.count;
    const strings = new Array<string>(n);
    const ids = new Int32Array(n);
    const stems = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const known = this.idFor(tokens.codes, tokens.starts[i]!, tokens.lens[i]!, false);
      const token = known >= 0 ? this.token(known) : tokens.token(i);
      strings[i] = token;
      const id = known >= 0 ? known : unknownId(token);
      ids[i] = id;
      const stem = id >= 0 ? '' : wordStem(token);
      if (id >= 0) stems[i] = this.stemTable[id]!;
      else if (stem === token) stems[i] = id;
      else {
        const knownStem = this.find(stem);
        stems[i] = knownStem >= 0 ? this.stemTable[knownStem]! : unknownId(stem);
      }
    }
    return { tokens: strings, ids, stems };
  }

  /** `lookupCodes` for token strings. */
  lookup(tokens: readonly string[]): QueryTokens {
    const codes = new TokenBuffer();
    for (const token of tokens) codes.pushString(token);
    return this.lookupCodes(codes);
  }

  private idFor(codes: Uint16Array, from: number, len: number, add: boolean): number {
    const hash = hashCodes(codes, from, len);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return add ? this.add(codes, from, len, hash, slot) : -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.sameAs(id, codes, from, len)) return id;
    }
  }

  private sameAs(id: number, codes: Uint16Array, from: number, len: number): boolean {
    const start = this.starts[id]!;
    const end = id + 1 < this.count ? this.starts[id + 1]! : this.poolUsed;
    if (end - start !== len) return false;
    for (let i = 0; i < len; i++) if (this.pool[start + i] !== codes[from + i]) return false;
    return true;
  }

  private add(codes: Uint16Array, from: number, len: number, hash: number, slot: number): number {
    const id = this.count;
    if (id >= this.starts.length) this.growIds();
    if (this.poolUsed + len > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(codes.subarray(from, from + len), this.poolUsed);
    this.starts[id] = this.poolUsed;
    this.poolUsed += len;
    this.hashes[id] = hash;
    this.count++;
    this.table[slot] = id + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    if (asciiDigits(codes, from, len)) {
      // A digit run is a number and its own stem (wordStem leaves it as it is): no string needed.
      this.numberTable[id] = 1;
      this.stemTable[id] = id;
      return id;
    }
    const token = this.made(id);
    this.numberTable[id] = NUMBER.test(token) ? 1 : 0;
    // The stem is interned too, and resolved to its own stem, so that stems are canonical (a fixed point).
    const stem = wordStem(token);
    this.stemTable[id] = stem === token ? id : this.stemTable[this.internString(stem)]!;
    return id;
  }

  private made(id: number): string {
    const start = this.starts[id]!;
    const end = id + 1 < this.count ? this.starts[id + 1]! : this.poolUsed;
    return codesToString(this.pool, start, end - start);
  }

  private internString(token: string): number {
    // Its own buffer: this runs inside internCodes, whose caller may be using `this.codes`.
    const codes = (this.stemCodes ??= new TokenBuffer());
    codes.clear();
    codes.pushString(token);
    return this.idFor(codes.codes, 0, token.length, true);
  }

  private growIds(): void {
    const size = this.starts.length * 2;
    const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.hashes = grow(this.hashes, (n) => new Uint32Array(n));
    this.stemTable = grow(this.stemTable, (n) => new Int32Array(n));
    this.numberTable = grow(this.numberTable, (n) => new Uint8Array(n));
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }
}
