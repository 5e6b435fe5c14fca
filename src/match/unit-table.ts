/**
 * The units a TmIndex holds, by id and by their place in a document. A unit put in as an object is kept as that
 * object; a unit put in as bytes (an import's records, `putEncoded`) is kept compactly: its three texts as bytes in
 * an arena outside the JS heap (text-arena.ts; past a TM's first megabytes, in a file when given a spill), each in
 * the encoding below, their place in typed arrays, and only a unit with more than its texts (a document's row,
 * another TM's unit) keeps a small object of the rest: bytes the garbage collector never walks, instead of a
 * million objects with three strings each that every major collection walked while the import ran and after.
 *
 * `get` returns an object unit as it was put, and builds a unit held as bytes afresh at each call; the search reads a
 * single text (`text`) or only whether it is empty (`has`), decoding nothing more. DESIGN.md, "The unit table".
 */
import type { EncodedUnits, Lang, Unit } from '../types';
import { UnitIds } from './unit-ids';
import { TextArena, type TextSpill } from './text-arena';

/** Dead bytes (of units deleted or replaced) past which, and past the live ones, the arena is copied afresh. */
const COMPACT_DEAD_MIN = 1 << 26;
/** A language's place among a unit's texts (ar, en, zh) in the arena and in EncodedUnits' spans. */
export const SLOT: Record<Lang, number> = { ar: 0, en: 1, zh: 2 };
const [FREE, OBJECT, BYTES] = [0, 1, 2];

/**
 * How each text is held: the Arabic as UTF-16 (decoded several times faster than from UTF-8, at about as many bytes),
 * the English as UTF-8 (one byte a letter), the Chinese as UTF-16 when that is shorter (two bytes a character instead
 * of three; `wideZh` says so), else as UTF-8.
 */
const ENCODING = ['utf16le', 'utf8', 'utf8'] as const;

const positionKey = (documentId: string, position: number) => `${documentId}\u0000${position}`;

export class UnitTable {
  private readonly ids = new UnitIds();
  private readonly byPosition = new Map<string, string>();
  /**
   * Per row: what it holds (FREE, OBJECT, BYTES), how many times it has been given a unit or freed (a snapshot's
   * row is still its unit's while that count is the same), and its head: the unit itself for an OBJECT row; for a
   * BYTES row, the unit with empty texts, or none for a plain unit of the table's TM (most rows of a large TM: a Map
   * of the rows that have one, not an array of a slot a row). `rowsUsed`: the rows ever given out (free ones too).
   */
  private kind = new Uint8Array(1024);
  private gens = new Uint32Array(1024);
  private readonly heads = new Map<number, Unit>();
  private rowsUsed = 0;
  private live = 0;
  private freeRows: number[] = [];
  /**
   * Per BYTES row: its chunk, where its bytes start there, the byte lengths of its ar, en and zh texts (one after the
   * other), and whether its Chinese is UTF-16.
   */
  private chunkOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private lens = new Uint32Array(3 * 1024);
  private wideZh = new Uint8Array(1024);
  private texts: TextArena;
  private liveBytes = 0;
  private deadBytes = 0;

  /** The TM of plain units held as bytes: the first such unit's (any other TM's unit keeps its own in its head). */
  private tm: string | undefined;

  /**
   * `spill`: where texts past the memory it allows go (text-arena.ts; none: all in memory); `compactDeadMin`: dead
   * bytes past which the arena may be compacted (tests lower it).
   */
  constructor(
    private readonly spill?: TextSpill,
    private readonly compactDeadMin = COMPACT_DEAD_MIN,
  ) {
    this.texts = new TextArena(spill);
  }

  get size(): number {
    return this.live;
  }

  /** The id of the unit in a row that holds one. */
  idOf(row: number): string {
    return this.ids.idOf(row);
  }

  get(unitId: string): Unit | undefined {
    const row = this.ids.rowOf(unitId);
    return row < 0 ? undefined : this.unitAt(row);
  }

  /** The unit in a row (undefined when the row is free). */
  unitAt(row: number): Unit | undefined {
    if (row >= this.rowsUsed || this.kind[row] === FREE) return undefined;
    const head = this.heads.get(row);
    if (this.kind[row] === OBJECT) return head;
    const [ar, en, zh] = [this.rowText(row, 0), this.rowText(row, 1), this.rowText(row, 2)];
    if (head) return { ...head, ar, en, zh };
    return { unitId: this.ids.idOf(row), tm: this.tm!, documentId: '', position: 0, paragraph: 0, ar, en, zh };
  }

  /** The unit's text in `lang` ('' when it has none or is not here): that text decoded and nothing else. */
  text(unitId: string, lang: Lang): string {
    const row = this.ids.rowOf(unitId);
    return row < 0 ? '' : this.textOf(row, lang);
  }

  /** Whether the unit is here and its `lang` text is not empty (nothing decoded). */
  has(unitId: string, lang: Lang): boolean {
    const row = this.ids.rowOf(unitId);
    return row >= 0 && this.hasText(row, lang);
  }

  /** Whether the `lang` text of the unit in a row that holds one is not empty (nothing decoded). */
  hasText(row: number, lang: Lang): boolean {
    return this.kind[row] === OBJECT ? this.heads.get(row)![lang] !== '' : this.lens[3 * row + SLOT[lang]]! > 0;
  }

  /** The unit at a place in a document, if any. */
  at(documentId: string, position: number): Unit | undefined {
    const id = this.byPosition.get(positionKey(documentId, position));
    return id === undefined ? undefined : this.get(id);
  }

  /** Ids of the units of a document (a walk over every unit: for a large document's write). */
  ofDocument(documentId: string): string[] {
    const ids: string[] = [];
    for (let row = 0; row < this.rowsUsed; row++) {
      if (this.kind[row] !== FREE && this.heads.get(row)?.documentId === documentId) ids.push(this.ids.idOf(row));
    }
    return ids;
  }

  /** Every row holding a unit now, and its count of changes (a snapshot, read with textAt). */
  snapshot(): { rows: Int32Array; gens: Uint32Array } {
    const rows = new Int32Array(this.live);
    const gens = new Uint32Array(this.live);
    let k = 0;
    for (let row = 0; row < this.rowsUsed; row++) {
      if (this.kind[row] === FREE) continue;
      gens[k] = this.gens[row]!;
      rows[k++] = row;
    }
    return { rows, gens };
  }

  /** The text of the unit in `row` of a snapshot, if it is still there ('' when it has changed since). */
  textAt(row: number, gen: number, lang: Lang): string {
    return this.gens[row] === gen ? this.textOf(row, lang) : '';
  }

  /** Puts the unit in, kept as it is (the one it replaces must have been deleted); its row. */
  put(unit: Unit): number {
    return this.place(unit.unitId, unit, OBJECT);
  }

  /**
   * Puts unit `i` of `units` in from its texts' bytes: the Arabic, `ar` (decoded by the caller, which tokenizes it),
   * written as UTF-16 (decoded 6–7 times faster than from UTF-8), the English copied as the UTF-8 it is, the Chinese
   * written as UTF-16 when that is shorter (two bytes a character instead of three). The one it replaces must have
   * been deleted.
   */
  putEncoded(units: EncodedUnits, i: number, ar: string): number {
    const { bytes, spans } = units;
    const s = 6 * i;
    const unitId = units.ids[i]!;
    this.tm ??= units.tm;
    const rest = units.rests[i] ?? (units.tm === this.tm ? undefined : this.plain(unitId, units.tm));
    const row = this.place(unitId, rest, BYTES);
    const [enFrom, enTo, zhFrom, zhTo] = [spans[s + 2]!, spans[s + 3]!, spans[s + 4]!, spans[s + 5]!];
    const zh = zhTo - zhFrom > 3 ? bytes.toString('utf8', zhFrom, zhTo) : undefined;
    const wide = zh !== undefined && 2 * zh.length < zhTo - zhFrom;
    const zhBytes = wide ? 2 * zh.length : zhTo - zhFrom;
    const arBytes = 2 * ar.length;
    const n = arBytes + (enTo - enFrom) + zhBytes;
    const at = this.room(row, n);
    const chunk = this.texts.last;
    if (arBytes > 0) chunk.write(ar, at, 'utf16le');
    chunk.set(bytes.subarray(enFrom, enTo), at + arBytes);
    const zhAt = at + arBytes + enTo - enFrom;
    if (wide) chunk.write(zh, zhAt, 'utf16le');
    else chunk.set(bytes.subarray(zhFrom, zhTo), zhAt);
    this.lens[3 * row] = arBytes;
    this.lens[3 * row + 1] = enTo - enFrom;
    this.lens[3 * row + 2] = zhBytes;
    this.wideZh[row] = wide ? 1 : 0;
    this.liveBytes += n;
    return row;
  }

  /** Takes the unit out; the row it was in, or -1 if it was not there. */
  delete(unitId: string): number {
    const row = this.ids.rowOf(unitId);
    if (row < 0) return -1;
    this.ids.delete(unitId, row);
    const head = this.heads.get(row);
    if (head?.documentId && this.byPosition.get(positionKey(head.documentId, head.position)) === unitId) {
      this.byPosition.delete(positionKey(head.documentId, head.position));
    }
    if (this.kind[row] === BYTES) {
      const bytes = this.rowBytes(row);
      this.liveBytes -= bytes;
      this.deadBytes += bytes;
    }
    this.kind[row] = FREE;
    this.gens[row]!++;
    this.heads.delete(row);
    this.freeRows.push(row);
    this.live--;
    if (this.deadBytes > this.compactDeadMin && this.deadBytes > this.liveBytes) this.compact();
    return row;
  }

  clear(): void {
    this.ids.clear();
    this.byPosition.clear();
    this.kind.fill(FREE);
    this.gens.fill(0);
    this.live = 0;
    this.heads.clear();
    this.rowsUsed = 0;
    this.freeRows = [];
    this.texts.clear();
    this.liveBytes = this.deadBytes = 0;
    this.tm = undefined;
  }

  /**
   * Bytes held in the arena for live units, and for dead ones not yet compacted away; its chunks, and the bytes
   * of them written to its file.
   */
  get arena(): { live: number; dead: number; chunks: number; spilled: number } {
    const { chunks, spilledBytes } = this.texts.stats;
    return { live: this.liveBytes, dead: this.deadBytes, chunks, spilled: spilledBytes };
  }

  private plain(unitId: string, tm: string): Unit {
    return { unitId, tm, documentId: '', position: 0, paragraph: 0, ar: '', en: '', zh: '' };
  }

  /** The text in `lang` of the unit in a row that holds one. */
  textOf(row: number, lang: Lang): string {
    return this.kind[row] === OBJECT ? this.heads.get(row)![lang] : this.rowText(row, SLOT[lang]);
  }

  private rowText(row: number, slot: number): string {
    const n = this.lens[3 * row + slot]!;
    if (n === 0) return '';
    const r = 3 * row;
    const at = this.startOf[row]! + (slot === 0 ? 0 : this.lens[r]!) + (slot === 2 ? this.lens[r + 1]! : 0);
    return this.texts.decode(this.chunkOf[row]!, at, n, slot === 2 && this.wideZh[row] ? 'utf16le' : ENCODING[slot]!);
  }

  /** The row's bytes: its three texts. */
  private rowBytes(row: number): number {
    const r = 3 * row;
    return this.lens[r]! + this.lens[r + 1]! + this.lens[r + 2]!;
  }

  /** `n` bytes for the row at the end of the arena's last chunk (`texts.last`): where they start there. */
  private room(row: number, n: number): number {
    const [chunk, at] = this.texts.room(n);
    this.chunkOf[row] = chunk;
    this.startOf[row] = at;
    return at;
  }

  /** A row for the unit (a free one or a new one), found by its document place if its head has one. */
  private place(unitId: string, head: Unit | undefined, kind: number): number {
    const row = this.freeRows.pop() ?? this.rowsUsed;
    if (row === this.rowsUsed) {
      this.rowsUsed++;
      if (row >= this.kind.length) this.grow();
    }
    this.kind[row] = kind;
    this.gens[row]!++;
    if (head) this.heads.set(row, head);
    else this.heads.delete(row);
    this.ids.set(unitId, row);
    this.live++;
    if (head?.documentId) this.byPosition.set(positionKey(head.documentId, head.position), unitId);
    return row;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const grown = <T extends Uint8Array | Uint32Array>(a: T, make: (n: number) => T, per: number): T => {
      const b = make(per * size);
      b.set(a);
      return b;
    };
    this.kind = grown(this.kind, (n) => new Uint8Array(n), 1);
    this.gens = grown(this.gens, (n) => new Uint32Array(n), 1);
    this.chunkOf = grown(this.chunkOf, (n) => new Uint32Array(n), 1);
    this.startOf = grown(this.startOf, (n) => new Uint32Array(n), 1);
    this.lens = grown(this.lens, (n) => new Uint32Array(n), 3);
    this.wideZh = grown(this.wideZh, (n) => new Uint8Array(n), 1);
  }

  /** Copies the live rows' bytes into fresh chunks (rows keep their numbers), letting the old ones go. */
  private compact(): void {
    const old = this.texts;
    this.texts = new TextArena(this.spill);
    for (let row = 0; row < this.rowsUsed; row++) {
      if (this.kind[row] !== BYTES) continue;
      const n = this.rowBytes(row);
      const [from, start] = [this.chunkOf[row]!, this.startOf[row]!];
      const at = this.room(row, n);
      old.copy(from, start, n, this.texts.last, at);
    }
    old.clear();
    this.deadBytes = 0;
  }
}
