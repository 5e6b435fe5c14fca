/**
 * Merging translation units by their Arabic source: an ar–en file and an ar–zh file (or several bilingual and
 * trilingual files) become one unit per Arabic sentence with ar, en and zh. The first translation of a language
 * wins; a later, different one is a conflict (counted, with samples for the import report), a later identical one a
 * duplicate. "Same" means equal after NFC and trimming (`canonical`), placeables included.
 *
 * {@link TuMerger} works on a stream: it keeps per distinct Arabic source an 80-bit key (key-index.ts) and a 53-bit
 * hash per target language (under 100 bytes with the tables' room to grow), never the texts, and tells the caller
 * what each `tu` adds; the caller writes that (an upsert by Arabic source). {@link mergeUnits} keeps whole units,
 * for files that fit in memory.
 */
import { canonical } from '../normalize';
import type { Lang } from '../types';
import { KeyIndex } from './key-index';
import type { ApartVariant, TmxProp, TmxTu } from './tmx-model';

type Target = Exclude<Lang, 'ar'>;
const TARGETS: readonly Target[] = ['en', 'zh'];

/**
 * What a `tu` is to the unit of its Arabic: `new`; `extended` (it adds a language, or the first variants kept apart:
 * Traditional Chinese, another language); `conflict` (it adds nothing and
 * has another translation of a language already there, or names a row whose first `tu` had another Arabic: counted
 * once, as a conflict); `duplicate` (it adds nothing and says nothing else).
 */
export type MergeStatus = 'new' | 'extended' | 'conflict' | 'duplicate';

export interface MergeOutcome {
  status: MergeStatus;
  /** Key of the Arabic source ({@link arabicKey}). */
  key: string;
  /** Target languages this `tu` adds to its unit (all of its targets when `new`). */
  added: Target[];
  /** Target languages whose text differs from the one kept (the first). */
  conflicts: Target[];
  /** The `tu` has variants kept apart and its unit had none yet: they are its unit's (`apart`). */
  apart: boolean;
}

export interface MergeConflict {
  /** The Arabic source, cut to 120 characters. */
  ar: string;
  lang: Target;
  tuid?: string;
  /**
   * `different-translation`: a later `tu` of the same unit translates it otherwise; `different-source`: a later `tu`
   * names the same unit (a document row: `x-document` and `x-position`) with another Arabic, and is left out whole.
   */
  reason: 'different-translation' | 'different-source';
}

export interface MergeCounts {
  /** Distinct Arabic sources (units). */
  units: number;
  /** `tu`s that added a language to an existing unit. */
  extended: number;
  /** `tu`s that added nothing and conflicted with nothing (every language already there, the same). */
  duplicates: number;
  conflicts: Record<Target, number>;
}

/** At most this many conflicts are kept as samples for a report. */
export const MAX_CONFLICT_SAMPLES = 100;

/** cyrb53: a fast 53-bit string hash, never 0 (0 marks "no text yet"). */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

/** The low `count` bytes of a hash, one character each. */
function bytes(hash: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++, hash = Math.floor(hash / 256)) out += String.fromCharCode(hash % 256);
  return out;
}

/**
 * The identity of a unit's Arabic source within one merge: 80 bits of hash of its canonical text (two cyrb53 seeds;
 * a collision among a million sources has odds of about 1 in 10^12), as 10 one-byte characters ({@link KeyIndex}).
 * Not a stored id.
 */
export function arabicKey(text: string): string {
  const canon = canonical(text);
  return bytes(hash53(canon), 6) + bytes(hash53(canon, 0x9e3779b9), 4);
}

export class TuMerger {
  /**
   * `key` names a unit's Arabic source in 80 bits, 10 one-byte characters (default {@link arabicKey}); a caller that
   * derives a stored id from the canonical Arabic anyway passes that, and the merger's keys are its ids.
   */
  constructor(private readonly key: (arabic: string) => string = arabicKey) {}

  readonly counts: MergeCounts = { units: 0, extended: 0, duplicates: 0, conflicts: { en: 0, zh: 0 } };
  readonly conflictSamples: MergeConflict[] = [];
  private readonly index = new KeyIndex();
  private hashes: Record<Target, Float64Array> = { en: new Float64Array(1024), zh: new Float64Array(1024) };
  /** 1 for a unit that has variants kept apart. */
  private aparts = new Uint8Array(1024);
  /** Hash of the Arabic of each unit named by a key of the caller's (a row), made at the first such unit. */
  private sources: Float64Array | undefined;

  /**
   * Records a unit (which must have Arabic) and says what it adds. `key`, when given, names its unit instead of its
   * Arabic (an import gives a `tu` that names its document and position the key of that row): the first `tu` of a
   * key gives its unit its Arabic, and a later one with another Arabic adds nothing, a conflict (`different-source`)
   * for each target it has (its Traditional Chinese counted as `zh`), never merged into a unit of another source.
   */
  add(tu: TmxTu, key?: string): MergeOutcome {
    const ar = tu.langs.ar;
    if (!ar) throw new RangeError('a unit without Arabic cannot be merged');
    const source = key === undefined ? 0 : hash53(canonical(ar.text));
    key ??= this.key(ar.text);
    const slot = this.index.slotOf(key);
    const isNew = slot === this.counts.units;
    if (isNew) {
      this.counts.units++;
      this.grow(slot);
    }
    if (source !== 0) {
      const sources = (this.sources ??= new Float64Array(this.hashes.en.length));
      if (isNew) sources[slot] = source;
      else if (sources[slot] !== source) return this.otherSource(tu, ar.text, key);
    }
    const added: Target[] = [];
    const conflicts: Target[] = [];
    for (const lang of TARGETS) {
      const variant = tu.langs[lang];
      if (!variant) continue;
      const h = hash53(canonical(variant.text));
      const kept = this.hashes[lang][slot]!;
      if (kept === 0) {
        this.hashes[lang][slot] = h;
        added.push(lang);
      } else if (kept !== h) {
        conflicts.push(lang);
        this.conflict(ar.text, lang, tu.tuid, 'different-translation');
      }
    }
    const apart = tu.apart.length > 0 && this.aparts[slot] === 0;
    if (apart) this.aparts[slot] = 1;
    const status: MergeStatus = isNew
      ? 'new'
      : added.length > 0 || apart
        ? 'extended'
        : conflicts.length > 0
          ? 'conflict'
          : 'duplicate';
    if (status === 'extended') this.counts.extended++;
    else if (status === 'duplicate') this.counts.duplicates++;
    return { status, key, added, conflicts, apart };
  }

  /** A later `tu` of a keyed unit with another Arabic: a conflict for each of its targets, nothing added. */
  private otherSource(tu: TmxTu, ar: string, key: string): MergeOutcome {
    const conflicts = TARGETS.filter((lang) => tu.langs[lang] !== undefined);
    if (conflicts.length === 0) conflicts.push('zh');
    for (const lang of conflicts) this.conflict(ar, lang, tu.tuid, 'different-source');
    return { status: 'conflict', key, added: [], conflicts, apart: false };
  }

  private conflict(ar: string, lang: Target, tuid: string | undefined, reason: MergeConflict['reason']): void {
    this.counts.conflicts[lang]++;
    if (this.conflictSamples.length >= MAX_CONFLICT_SAMPLES) return;
    const sample: MergeConflict = { ar: ar.slice(0, 120), lang, reason };
    if (tuid !== undefined) sample.tuid = tuid;
    this.conflictSamples.push(sample);
  }

  private grow(slot: number): void {
    if (slot < this.hashes.en.length) return;
    for (const lang of TARGETS) {
      const bigger = new Float64Array(this.hashes[lang].length * 2);
      bigger.set(this.hashes[lang]);
      this.hashes[lang] = bigger;
    }
    const aparts = new Uint8Array(this.aparts.length * 2);
    aparts.set(this.aparts);
    this.aparts = aparts;
    if (this.sources) {
      const sources = new Float64Array(this.sources.length * 2);
      sources.set(this.sources);
      this.sources = sources;
    }
  }
}

const propKey = ([type, value]: TmxProp) => `${type}\u0000${value}`;
const apartKey = (v: ApartVariant) => `${v.tag}\u0000${v.text}`;

function union<T>(into: T[], from: readonly T[], key: (item: T) => string): void {
  const seen = new Set(into.map(key));
  for (const item of from) if (!seen.has(key(item))) into.push(item);
}

/**
 * Folds `later` into `first` (same Arabic source): the targets `added` by the merger, metadata the first lacks
 * (attributes, document and placement), and props, notes and kept-apart variants it does not already hold.
 */
export function foldUnit(first: TmxTu, later: TmxTu, added: readonly Target[]): void {
  for (const lang of added) first.langs[lang] = later.langs[lang]!;
  first.attrs = { ...later.attrs, ...first.attrs };
  if (first.tuid === undefined && later.tuid !== undefined) first.tuid = later.tuid;
  if (first.document === undefined && later.document !== undefined) {
    first.document = later.document;
    if (later.position !== undefined) first.position = later.position;
    if (later.paragraph !== undefined) first.paragraph = later.paragraph;
  }
  union(first.props, later.props, propKey);
  union(first.notes, later.notes, (n) => n);
  union(first.apart, later.apart, apartKey);
}

/** Merges units in memory, in order of first appearance; the merger's counts and samples say what happened. */
export async function mergeUnits(
  units: AsyncIterable<TmxTu> | Iterable<TmxTu>,
  merger = new TuMerger(),
): Promise<TmxTu[]> {
  const byKey = new Map<string, TmxTu>();
  for await (const tu of units) {
    const outcome = merger.add(tu);
    const first = byKey.get(outcome.key);
    if (!first) byKey.set(outcome.key, tu);
    else foldUnit(first, tu, outcome.added);
  }
  return [...byKey.values()];
}
