/**
 * Building a language's index block off the request path (TmIndex with a `pace`): its first build, a build from an
 * index loaded page by page (index-load.ts), and the compaction after many writes (lang-index.ts says why). The
 * units are collected a slice at a time (collect.ts; a load collects them as its pages come), the block laid out and
 * its postings built on a worker thread started before the collecting (IndexBlock.offMain), its slot map filled a
 * slice at a time meanwhile; then the units written meanwhile are replayed onto it, in rounds (what is written during
 * a round is replayed by the next), and the last round, finding nothing new, installs it in the same turn.
 */
import type { TokenBuffer } from '../normalize';
import type { Lang, Unit } from '../types';
import { IndexBlock, type FlatUnits } from './block';
import { collectSteps, type CollectSource } from './collect';
import { slotMapOfInput, type LangIndex, type SlotMap } from './lang-index';
import { SearchScratch } from './search';
import type { Vocabulary } from './vocabulary';

/** Units written during a build replayed onto the new block between two chances to give the loop back. */
const REPLAY_PER_SLICE = 100;

/**
 * A build under way: the unit-table rows written since it began (its owner adds them: the row a unit leaves, the row
 * it is put in).
 */
export interface AsideBuild {
  written: Set<number>;
  readonly done: Promise<void>;
}

/** What a build needs from the index it is for. */
export interface AsideOwner {
  readonly vocabulary: Vocabulary;
  readonly codes: TokenBuffer;
  /** The unit in this table row now, if any. */
  unit(row: number): Unit | undefined;
  /** Adds the text in the language of the unit in table row `row` to an index, as a write does. */
  append(index: LangIndex, unit: Unit, row: number, lang: Lang): void;
  /** Is the build still wanted (the language not rebuilt at once, the index not reloaded, meanwhile)? */
  wanted(): boolean;
  /** Puts the new index in place (called in the turn the last replay round ends). */
  install(index: LangIndex): void;
}

/**
 * Starts a build of the language's block from `source`: an old block's slots, a snapshot of the units, or units
 * collected elsewhere (an index loaded page by page, index-load.ts: the promise resolves once the last page is in).
 */
export function buildAside(
  owner: AsideOwner,
  lang: Lang,
  source: CollectSource | Promise<FlatUnits>,
  scratch: SearchScratch | undefined,
  pace: () => Promise<void>,
): AsideBuild {
  const build = { written: new Set<number>() } as { written: Set<number>; done: Promise<void> };
  build.done = (async () => {
    // The thread starts first: its start-up overlaps the collecting (a load's pages, or the steps).
    const builder = IndexBlock.offMain();
    let block: IndexBlock;
    let slotOf: SlotMap;
    try {
      const input = source instanceof Promise ? await source : await collectPaced(source, lang, owner, pace);
      // The slot map is filled here while the thread lays the block out and builds its postings.
      const slots = slotMapOfInput(input, pace);
      block = await builder.build(
        input,
        owner.vocabulary.size,
        slots.then((s) => s.bySlot),
      );
      slotOf = (await slots).slotOf;
    } finally {
      builder.close();
    }
    const next: LangIndex = { block, slotOf, scratch: scratch ?? new SearchScratch() };
    while (build.written.size > 0) {
      const round = build.written;
      build.written = new Set<number>();
      let done = 0;
      for (const row of round) {
        if (++done % REPLAY_PER_SLICE === 0) await pace();
        if (!owner.wanted()) return;
        const slot = slotOf.get(row);
        if (slot >= 0) {
          block.kill(slot);
          slotOf.delete(row);
        }
        const unit = owner.unit(row);
        if (unit) owner.append(next, unit, row, lang);
      }
    }
    if (owner.wanted()) owner.install(next);
  })();
  return build;
}

/** collectSteps with `pace` between the steps. */
async function collectPaced(
  source: CollectSource,
  lang: Lang,
  owner: AsideOwner,
  pace: () => Promise<void>,
): Promise<FlatUnits> {
  const steps = collectSteps(source, lang, owner.vocabulary, owner.codes);
  let step = steps.next();
  while (!step.done) {
    await pace();
    step = steps.next();
  }
  return step.value;
}
