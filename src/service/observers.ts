/**
 * What the service reports about its own work, for whoever watches it (the HTTP edge's metrics): each match query's
 * time and the candidates it verified, each import job's start and end. Observers are called synchronously and must
 * be cheap; the service never depends on anyone listening (the core stays free of any metrics library).
 */

/** One query answered (a single match, or one query of a batch, pretranslation or analysis). */
export interface QueryStats {
  /** Milliseconds of searching (the TMs already up to date). */
  ms: number;
  /** Candidates verified (an edit distance computed), over every TM searched. */
  verified: number;
  /** Matches returned. */
  matches: number;
}

/** An import job began reading, or ended (with the units it wrote when it succeeded). */
export type JobEvent =
  { kind: 'started' } | { kind: 'succeeded'; units: number } | { kind: 'failed' } | { kind: 'cancelled' };

export interface ServiceObserver {
  query?(stats: QueryStats): void;
  job?(event: JobEvent): void;
}

/** The observers of one TranslationMemory. */
export class Observers {
  private readonly all = new Set<ServiceObserver>();

  /** Adds an observer; the function returned removes it. */
  add(observer: ServiceObserver): () => void {
    this.all.add(observer);
    return () => this.all.delete(observer);
  }

  query(stats: QueryStats): void {
    for (const o of this.all) o.query?.(stats);
  }

  job(event: JobEvent): void {
    for (const o of this.all) o.job?.(event);
  }
}
