/**
 * The in-process view of one TM used for matching: every unit analyzed in every language. Pure: it is fed by
 * the store (see store/mirror.ts), which keeps it in step with Redis; another process rebuilds the same view.
 */
import { ErrorCode, MizanError } from '../errors';
import { LANGS, type Lang, type Unit } from '../types';
import { analyzeForIndex, analyzeQuery, type AnalyzedText } from './analyzed';
import { exhaustiveSearch, type Hit, type SearchOptions } from './exhaustive';
import { TokenDistance } from './levenshtein';
import { Vocabulary } from './vocabulary';

interface Entry {
  unit: Unit;
  analyzed: Record<Lang, AnalyzedText>;
}

export class TmIndex {
  private readonly vocabulary = new Vocabulary();
  private readonly entries = new Map<string, Entry>();
  private readonly distance = new TokenDistance();

  get size(): number {
    return this.entries.size;
  }

  get(unitId: string): Unit | undefined {
    return this.entries.get(unitId)?.unit;
  }

  upsert(unit: Unit): void {
    const analyzed = {} as Record<Lang, AnalyzedText>;
    for (const lang of LANGS) analyzed[lang] = analyzeForIndex(this.vocabulary, unit[lang]);
    this.entries.set(unit.unitId, { unit, analyzed });
  }

  remove(unitId: string): void {
    this.entries.delete(unitId);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Units whose `src` text matches `text`, best first. Units without text in `src` are never candidates. */
  search(text: string, src: Lang, options: SearchOptions): Hit[] {
    const query = analyzeQuery(this.vocabulary, text);
    if (query.length === 0) throw new MizanError(ErrorCode.QUERY_EMPTY, { param: 'q' });
    return exhaustiveSearch(query, this.candidates(src), options, this.distance);
  }

  private *candidates(src: Lang): Generator<readonly [string, AnalyzedText]> {
    for (const [unitId, entry] of this.entries) {
      const analyzed = entry.analyzed[src];
      if (analyzed.length > 0) yield [unitId, analyzed] as const;
    }
  }
}
