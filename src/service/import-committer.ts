/**
 * The commit of an import job, by its owner: the process that read the file, or one that took the job over when that
 * process stopped beating (DESIGN.md, "Import jobs", step 3 and (c)). Either runs the same steps from where the
 * commit stands — they are idempotent, and the counts are Redis's — and ends the job `done` with the counts of one
 * clean commit; every write it makes is fenced by its owner, so a process that stalled and wakes after another took
 * its job over stops without writing anything.
 */
import type { Logger } from '../config';
import { StoreUnavailableError } from '../errors';
import { Fenced, type CommitCounts, type ImportStore } from '../store';
import { commitError, jobView, mergeField, NO_MERGE, type JobMerge } from './import-job';
import type { JobEnds } from './import-end';
import type { ImportIndex, ImportIndexes, PrebuiltIndex } from './import-index';
import type { JobLiveness } from './import-liveness';
import type { ImportOptions, ImportSettings } from './import-settings';
import type { JobEvent } from './observers';

const now = () => Date.now();

export interface CommitterParts {
  store: ImportStore;
  liveness: JobLiveness;
  ends: JobEnds;
  indexes: ImportIndexes;
  touch: (tm: string, built?: Promise<PrebuiltIndex | undefined>) => void;
  logger: Logger;
  settings: ImportSettings;
  onJob: (event: JobEvent) => void;
}

export class JobCommitter {
  constructor(private readonly parts: CommitterParts) {}

  /**
   * Commits the job's staged units as its `owner` (its status `committing` already) and ends it: `done`, or `failed`
   * with what stopped it, its staging dropped. `index`: the TM's index the reading built, taken by the TM's mirror
   * when it is exactly what Redis holds. Never throws: a job taken over by another process meanwhile is left to it,
   * and one waiting for Redis when this process closes is left `committing` for the next live instance to resume.
   */
  async run(id: string, tm: string, owner: number, index: ImportIndex | undefined, options: ImportOptions = {}) {
    const { store, liveness, ends, indexes, touch, logger, settings } = this.parts;
    // Each step runs again while Redis is away (roll-forward: the commit is idempotent and its counts are kept in
    // Redis), until it is done or the retries run out (DESIGN.md, "Import jobs", (c)).
    const step = liveness.rollForward(id);
    let written = 0;
    try {
      // This owner's commit calls are the ones taken from now on (an earlier owner's are refused).
      if (!(await step(() => store.own(tm, id, owner, settings.stagingTtlMs)))) throw new Fenced(id);
      const before = index?.live ? await step(() => store.tmState(tm)) : undefined;
      const h = await step(() => store.readJob(id));
      const staged = Number(h?.staged ?? 0);
      // The file's own merging (read), and what the commit found in the TM: both count in the job's report.
      const read = JSON.parse(h?.merge ?? NO_MERGE) as JobMerge;
      const merge = (c: CommitCounts) => mergeField(read, c);
      const report = async (c: CommitCounts) => {
        written = c.written;
        // The heartbeat too: a commit that resumes after a long outage is not taken for abandoned until its next beat.
        const fields = { written: c.written, merge: merge(c), updated: now(), heartbeat: now() };
        if (!(await store.writeOwned(id, owner, fields))) throw new Fenced(id);
        if (options.onProgress) {
          const job = await store.readJob(id);
          if (job) options.onProgress(jobView(id, job));
        }
      };
      // `staged` lets the commit tell a list of batches Redis evicted from one that was short (IMPORT_STAGING_LOST).
      const counts = await step(() => store.commit(tm, id, settings.commitChunk, report, staged, owner));
      written = counts.written;
      // Handed over before the job says done: a query after that waits for this index instead of reading Redis.
      touch(tm, index && before && indexes.handOver(index, tm, before, counts));
      const end = { status: 'done', written, unchanged: Math.max(0, staged - written), merge: merge(counts) };
      if (!(await step(() => ends.end(id, tm, owner, end, 'finish')))) throw new Fenced(id);
      liveness.unbeat(id);
      this.parts.onJob({ kind: 'succeeded', units: written });
    } catch (caught) {
      index?.drop();
      touch(tm);
      if (caught instanceof Fenced) {
        liveness.unbeat(id);
        logger.warn(`import ${id} into ${tm}: another process took the commit over; this one stops`);
      } else if (caught instanceof StoreUnavailableError && liveness.stopped) {
        // Nothing can be recorded while Redis is away, and nothing need be: the job is resumed where it stands.
        liveness.unbeat(id);
        logger.warn(`import ${id} into ${tm}: left committing (Redis away at shutdown); a live instance resumes it`);
      } else {
        logger.error(`import ${id} into ${tm} failed while committing: ${(caught as Error).message}`);
        // Its staging is dropped too: importing the same file again completes the TM (DESIGN.md, "Import jobs", (c)).
        await ends.record(id, 'failed', commitError(caught, written), {}, { tm, owner, committing: true });
      }
    }
  }
}
