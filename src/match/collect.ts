/**
 * A language's units as token ids, for a block build: copied from the live slots of an old block (a compaction: no
 * re-tokenizing), or tokenized from the units. Written as steps (a generator pausing every slice), so that a build
 * off the request path gives the event loop back between slices; `collect` runs them at once.
 */
import { tokenizeCodes, type TokenBuffer } from '../normalize';
import type { Lang } from '../types';
import { FlatUnits } from './flat-units';
import type { IndexBlock } from './block';
import type { Vocabulary } from './vocabulary';

/** Block slots copied per step. */
const SLOTS_PER_STEP = 2000;
/** Units tokenized per step (≈ 10–25 µs each). */
export const UNITS_PER_STEP = 400;
/** Initial token capacity per unit when tokenizing (a sentence); the buffer grows if needed. */
const TOKENS_PER_UNIT_HINT = 24;

/**
 * Units to tokenize: their ids and rows in their table (a snapshot), and each one's text as it is when read ('' once
 * the unit has gone from that row).
 */
export interface UnitTexts {
  readonly ids: readonly string[];
  readonly rows: Int32Array;
  text(row: number, unitId: string, lang: Lang): string;
}

export type CollectSource = { block: IndexBlock } | { units: UnitTexts };

/**
 * The steps. Copying an old block: a slot is only ever killed, never revived, and new ones come after the count
 * taken first, so a unit written between steps is copied as it was or not at all, and must be replayed.
 */
export function* collectSteps(
  source: CollectSource,
  lang: Lang,
  vocabulary: Vocabulary,
  codes: TokenBuffer,
): Generator<void, FlatUnits, void> {
  if ('block' in source) {
    const { block } = source;
    const count = block.count;
    const input = FlatUnits.forSlots(block, vocabulary.stems);
    for (let slot = 0; slot < count; slot += SLOTS_PER_STEP) {
      input.stemTable(vocabulary.stems); // interning may have grown it meanwhile
      input.copySlots(block, slot, Math.min(count, slot + SLOTS_PER_STEP));
      yield;
    }
    return input;
  }
  const { ids, rows, text } = source.units;
  const collector = new UnitCollector(lang, vocabulary, codes, ids.length);
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % UNITS_PER_STEP === 0) yield;
    collector.add(ids[i]!, text(rows[i]!, ids[i]!, lang));
  }
  return collector.input;
}

/**
 * A language's units tokenized one at a time into a FlatUnits: what a build from units does, and what an index
 * loaded page by page (index-load.ts) does as each page arrives. `expected` units size its buffers (they grow past it).
 */
export class UnitCollector {
  readonly input: FlatUnits;

  constructor(
    readonly lang: Lang,
    private readonly vocabulary: Vocabulary,
    private readonly codes: TokenBuffer,
    expected: number,
  ) {
    this.input = new FlatUnits(expected, expected * TOKENS_PER_UNIT_HINT, vocabulary.stems);
  }

  /** Adds the unit's text in the collector's language ('' adds nothing). */
  add(unitId: string, text: string): void {
    if (!text) return;
    const ids = this.vocabulary.internCodes(tokenizeCodes(text, this.codes));
    this.input.stemTable(this.vocabulary.stems); // interning may have grown it
    if (ids.length > 0) this.input.add(unitId, ids);
  }
}

export function collect(source: CollectSource, lang: Lang, vocabulary: Vocabulary, codes: TokenBuffer): FlatUnits {
  const steps = collectSteps(source, lang, vocabulary, codes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
