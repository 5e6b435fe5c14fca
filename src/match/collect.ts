/**
 * A language's units as token ids, for a block build: copied from the live slots of an old block (a compaction: no
 * re-tokenizing), or tokenized from the units. Written as steps (a generator pausing every slice), so that a build
 * off the request path gives the event loop back between slices; `collect` runs them at once.
 */
import { tokenizeCodes, type TokenBuffer } from '../normalize';
import type { Lang, Unit } from '../types';
import { FlatUnits } from './flat-units';
import type { IndexBlock } from './block';
import type { Vocabulary } from './vocabulary';

/** Block slots copied per step. */
const SLOTS_PER_STEP = 2000;
/** Units tokenized per step (≈ 10–25 µs each). */
const UNITS_PER_STEP = 400;
/** Initial token capacity per unit when tokenizing (a sentence); the buffer grows if needed. */
const TOKENS_PER_UNIT_HINT = 24;

export type CollectSource = { block: IndexBlock } | { units: readonly Unit[] };

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
  const { units } = source;
  const input = new FlatUnits(units.length, units.length * TOKENS_PER_UNIT_HINT, vocabulary.stems);
  for (let i = 0; i < units.length; i++) {
    if (i > 0 && i % UNITS_PER_STEP === 0) yield;
    const unit = units[i]!;
    const text = unit[lang];
    if (!text) continue;
    const ids = vocabulary.internCodes(tokenizeCodes(text, codes));
    input.stemTable(vocabulary.stems); // interning may have grown it
    if (ids.length > 0) input.add(unit.unitId, ids);
  }
  return input;
}

export function collect(source: CollectSource, lang: Lang, vocabulary: Vocabulary, codes: TokenBuffer): FlatUnits {
  const steps = collectSteps(source, lang, vocabulary, codes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
