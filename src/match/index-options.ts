/** The options of a TmIndex and of its searches. */
import type { Lang } from '../types';
import type { TextSpill } from './text-arena';

/** The work of a search: candidates verified (an edit distance computed), summed over its passes. */
export interface SearchStats {
  verified: number;
}

export interface SearchOptions {
  /** Lowest score returned, 0–101. */
  min: number;
  /** Most hits returned. */
  limit: number;
  /** The segments before and after the query in the translator's document: enables 101 context matches. */
  context?: { prev?: string; next?: string };
  /** Score every unit (the reference the index is tested against). */
  exhaustive?: boolean;
  /** Only units with a text in at least one of these languages (a match must have something to offer). */
  withTargets?: readonly Lang[];
  /** Incremented with the work done (candidates verified), when given. */
  stats?: SearchStats;
}

export interface TmIndexOptions {
  /**
   * Gives the event loop back (the service's `yieldLoop`). With it, a block due for compaction is rebuilt off the
   * request path while queries go on with the old one; without it (tests, scripts), by the query that finds it due.
   */
  pace?: () => Promise<void>;
  /** Where the texts of units put in as bytes go past the memory allowed (text-arena.ts); none: all in memory. */
  texts?: TextSpill;
}

/** Below this minimum a first pass at PROBE_MIN usually fills the top-k without scanning everything. */
export const PROBE_MIN = 50;
