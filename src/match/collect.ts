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
 * Units to tokenize: their rows in their table and each row's count of changes (a snapshot), and each one's text as
 * it is when read ('' once the row has changed since).
 */
export interface UnitTexts {
  readonly rows: Int32Array;
  readonly gens: Uint32Array;
  text(row: number, gen: number, lang: Lang): string;
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
  const { rows, gens, text } = source.units;
  const collector = new UnitCollector(lang, vocabulary, codes, rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % UNITS_PER_STEP === 0) yield;
    collector.add(rows[i]!, text(rows[i]!, gens[i]!, lang));
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

  /** Adds the text in the collector's language of the unit in table row `row` ('' adds nothing). */
  add(row: number, text: string): void {
    if (!text) return;
    const ids = this.vocabulary.internCodes(tokenizeCodes(text, this.codes));
    this.input.stemTable(this.vocabulary.stems); // interning may have grown it
    if (ids.length > 0) this.input.add(row, ids);
  }
}

export function collect(source: CollectSource, lang: Lang, vocabulary: Vocabulary, codes: TokenBuffer): FlatUnits {
  const steps = collectSteps(source, lang, vocabulary, codes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
