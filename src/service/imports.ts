/**
 * TMX import jobs. A file is read as a stream (formats/tmx-stream.ts), its units merged by Arabic source
 * (formats/tu-merge.ts: bilingual files become trilingual units) and staged beside the TM in chunks; only when the
 * whole file has been read without error are the staged units committed into the TM. A failed or cancelled import
 * deletes what it staged and leaves the TM as it was. Unit ids come from the TM and the Arabic (service/ids.ts), so
 * importing the same file again writes nothing new. The job record lives in Redis: any instance can report it and
 * take a cancel for it, and a live instance takes over a job whose process stopped (import-takeover.ts). DESIGN.md,
 * "Import jobs", states the guarantees.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { Fenced, type ImportStore } from '../store';
import { ReadFailed, readRecords, type ReadingFields, type ReadRecordsOptions } from './import-records';
import { isFileSource, readRecordsInWorker, sourceBytes, type ImportSource } from './import-thread';
import { ImportIndexes, type PrebuiltIndex } from './import-index';
import { abandonedError, jobView, type JobView } from './import-job';
import { Cancelled, JobEnds } from './import-end';
import { JobCommitter } from './import-committer';
import { DEFAULT_IMPORT_SETTINGS, type ImportOptions, type ImportSettings } from './import-settings';
import { JobLiveness } from './import-liveness';
import { JobTakeovers } from './import-takeover';
import type { JobEvent } from './observers';

export { JOB_STATUSES, jobView, type JobStatus, type JobView } from './import-job';
export { DEFAULT_IMPORT_SETTINGS, type ImportOptions, type ImportSettings } from './import-settings';

const now = () => Date.now();

export class Imports {
  private readonly settings: ImportSettings;
  /** Jobs this process reads and commits in the background ({@link start}): what stops each, and its end. */
  private readonly background = new Map<string, { stop: AbortController; ended: Promise<void> }>();
  /** Indexes being built by the jobs this process reads, until their commit takes or drops them. */
  private readonly indexes: ImportIndexes;
  /** The heartbeats of the jobs this process works on, and the retries of ends not recorded yet. */
  private readonly liveness: JobLiveness;
  /** How a job ends: recorded by its owner, its staging dropped (import-end.ts). */
  private readonly ends: JobEnds;
  /** The commit of a job, by the process that read it or by one that took it over (import-committer.ts). */
  private readonly commits: JobCommitter;
  /** Abandoned jobs taken over, and run here (import-takeover.ts). */
  private readonly takeovers: JobTakeovers;

  /**
   * `touch`: a commit into the TM ended (or failed); `built`, when given, resolves with the TM's index as the import
   * built it, or undefined when it could not be taken.
   */
  constructor(
    private readonly store: ImportStore,
    private readonly touch: (tm: string, built?: Promise<PrebuiltIndex | undefined>) => void,
    private readonly logger: Logger,
    settings: Partial<ImportSettings> = {},
    private readonly onJob: (event: JobEvent) => void = () => undefined,
  ) {
    this.settings = { ...DEFAULT_IMPORT_SETTINGS, ...settings };
    this.indexes = new ImportIndexes(store, logger, this.settings.buildIndex, this.settings.indexTexts);
    this.liveness = new JobLiveness(store, logger, this.settings);
    this.ends = new JobEnds(store, logger, this.liveness, this.settings, onJob);
    const { indexes, liveness, ends } = this;
    this.commits = new JobCommitter({ store, liveness, ends, indexes, touch, logger, settings: this.settings, onJob });
    this.takeovers = new JobTakeovers({ store, liveness, ends, commits: this.commits, logger, onJob }, this.settings);
  }

  /** A new job, queued. */
  async create(tm: string, file = 'file'): Promise<string> {
    const id = 'j' + randomBytes(8).toString('hex');
    const t = now();
    await this.store.writeJob(id, { tm, file, status: 'queued', created: t, updated: t }, this.settings.jobTtlSeconds);
    return id;
  }

  /**
   * The job. One whose owner stopped beating (its process died or stalls) is taken over here when this process
   * {@link watch}es: its commit resumed (it reads `committing`), its reading failed with IMPORT_ABANDONED. Elsewhere
   * a reading so abandoned is answered `failed` with IMPORT_ABANDONED, and a commit as it stands (a live instance
   * resumes it).
   */
  async get(id: string): Promise<JobView> {
    let h = await this.store.readJob(id);
    if (!h) throw new MizanError(ErrorCode.JOB_NOT_FOUND, { id });
    if (this.liveness.stale(id, h) && this.takeovers.watching) {
      await this.takeovers.check(id, h);
      h = (await this.store.readJob(id)) ?? h;
    }
    if (this.liveness.stale(id, h) && h.status === 'running') {
      return jobView(id, { ...h, status: 'failed', error: abandonedError(id) });
    }
    return jobView(id, h);
  }

  /**
   * Asks the job to stop; it is cancelled at its next chunk, wherever it runs. Committing or finished: refused. A job
   * abandoned while reading (its process gone) is made `failed` instead, what it staged dropped, and the cancel
   * refused; one abandoned while committing is refused as any commit (and resumed).
   */
  async cancel(id: string): Promise<JobView> {
    const abandoned = this.liveness.beating(id)
      ? {}
      : { before: now() - this.settings.abandonedMs, error: abandonedError(id) };
    const result = await this.store.transition(id, 'cancel', abandoned);
    if (result === 'not-found') throw new MizanError(ErrorCode.JOB_NOT_FOUND, { id });
    if (result === 'abandoned') {
      const h = await this.store.readJob(id);
      if (h?.tm) await this.takeovers.dropAbandoned(id, h.tm);
      throw new MizanError(ErrorCode.JOB_NOT_CANCELLABLE, { id, status: 'failed' });
    }
    if (result === 'refused') {
      const job = await this.get(id);
      throw new MizanError(ErrorCode.JOB_NOT_CANCELLABLE, { id, status: job.status });
    }
    return this.get(id);
  }

  /**
   * Reads a received file (an upload spooled to disk) and commits it, in the background: the caller answers at once
   * with the job, which reports its progress and takes a cancel while it reads. The file is removed once it has
   * been read, before the job records how reading ended (committing, failed, cancelled — by a DELETE or by
   * {@link close}), so a job seen past reading has no file left behind.
   */
  start(id: string, tm: string, file: string, options: ImportOptions = {}): void {
    const stop = new AbortController();
    const remove = () => fs.promises.rm(file, { force: true });
    const ended = (async () => {
      try {
        await this.read(id, tm, { path: file }, { ...options, signal: stop.signal, release: remove });
        await this.commit(id, tm, options);
      } catch {
        // read() has recorded why the job ended (its error, or the cancel) where the job's readers look.
      } finally {
        // Removed already (release), unless reading never began; never left behind.
        await remove().catch((err: Error) => this.logger.warn(`import ${id}: cannot remove ${file}: ${err.message}`));
        this.background.delete(id);
        this.liveness.unbeat(id);
      }
    })();
    this.background.set(id, { stop, ended });
  }

  /**
   * Records a job whose file never arrived whole (too large, a broken form, the client gone: `cancelled`); the error
   * to answer with.
   */
  async abandon(id: string, tm: string, err: unknown, cancelled: boolean): Promise<unknown> {
    this.onJob({ kind: 'started' });
    await this.ends.fail(id, tm, cancelled ? new Cancelled() : err, {});
    return cancelled ? new MizanError(ErrorCode.JOB_CANCELLED, { id }) : err;
  }

  /**
   * Takes over, from now on, the jobs whose process stopped: looked for now, every `heartbeatMs` and when a job is
   * read, until {@link close} (a server does this; a command-line import does not).
   */
  watch(): void {
    this.takeovers.watch();
  }

  /** Takes over the abandoned jobs listed live now (as {@link watch} does periodically); the ids taken over. */
  sweep(): Promise<string[]> {
    return this.takeovers.sweep();
  }

  /**
   * Stops the background jobs (server shutdown): one still reading is cancelled (what it staged dropped, its file
   * removed, the TM as it was); a commit under way is let finish, as a cancel could not stop it either, but one
   * waiting for Redis to come back stops there, left `committing` for a live instance to resume.
   */
  async close(): Promise<void> {
    this.liveness.stop(); // a commit waiting for Redis to come back gives up; one under way goes on
    await this.takeovers.close(); // and so for the jobs taken over
    const jobs = [...this.background.values()];
    for (const job of jobs) job.stop.abort();
    await Promise.allSettled(jobs.map((job) => job.ended));
    this.liveness.close();
  }

  /** Create, read and commit: the whole import, for the CLI and the benchmark. */
  async run(tm: string, source: ImportSource, options: ImportOptions = {}): Promise<JobView> {
    const id = await this.create(tm, options.file);
    await this.read(id, tm, source, options);
    return this.commit(id, tm, options);
  }

  /**
   * Reads the file (a file on disk, `{ path }`, or bytes as they come) and stages its units. Resolves with the job
   * once the whole file is staged; on any error the job is recorded failed (or cancelled), what it staged is
   * deleted, and the error is thrown. A file's size is recorded (`bytes.total`) beside the bytes read so far.
   */
  async read(id: string, tm: string, source: ImportSource, options: ImportOptions = {}): Promise<JobView> {
    const file = options.file ?? 'file';
    // A file that cannot be read has no size here: its reading fails with why.
    const size = isFileSource(source) ? (await fs.promises.stat(source.path).catch(() => undefined))?.size : undefined;
    // Listed before it is claimed: a job running or committing is always among those live instances look through.
    await this.store.listLive(id);
    const owner = await this.store.claim(id, 'read', { fields: size === undefined ? {} : { bytesTotal: size } });
    if (owner === undefined) {
      await this.store.unlistLive(id);
      throw new Error(`import ${id}: the job is not queued, so it cannot be read`);
    }
    this.liveness.beat(id, owner);
    this.onJob({ kind: 'started' });
    const readOptions: ReadRecordsOptions = {
      tm,
      file,
      maxBytes: options.maxBytes ?? this.settings.maxBytes,
      chunk: this.settings.stageChunk,
      ...(options.documentProp ? { documentProp: options.documentProp } : {}),
    };
    const batches =
      this.settings.readThread === 'worker'
        ? readRecordsInWorker(source, readOptions)
        : readRecords(sourceBytes(source), readOptions);
    const index = await this.indexes.begin(id, tm);
    let fields: ReadingFields = {};
    /** One batch in Redis at a time, in file order, while the next ones are read. */
    let inFlight: Promise<void> = Promise.resolve();
    try {
      for await (const batch of batches) {
        fields = batch.fields;
        await inFlight;
        inFlight = this.store
          .stage(tm, id, batch, this.settings.stagingTtlMs)
          .then(() => this.progress(id, owner, batch.fields, options));
        inFlight.catch(() => undefined); // awaited at the next batch; never an unhandled rejection in between
        await index?.add(batch); // while Redis stages the batch and the reading thread reads the next
        if (batch.encoding !== undefined) {
          await inFlight;
          const fields = { ...batch.fields, encoding: batch.encoding };
          if (!(await this.store.writeOwned(id, owner, fields))) throw new Fenced(id);
        }
      }
      await options.release?.();
      index?.finish();
      return await this.get(id);
    } catch (caught) {
      this.indexes.end(id)?.drop();
      await inFlight.catch(() => undefined);
      await options.release?.().catch((err: Error) => this.logger.warn(`import ${id}: ${err.message}`));
      const err = caught instanceof ReadFailed ? caught.error : caught;
      if (err instanceof Fenced) {
        // Failed as abandoned by another instance while this one stalled: what it staged since is dropped here.
        this.liveness.unbeat(id);
        await this.store.drop(tm, id).catch((e: Error) => this.logger.warn(`import ${id}: ${e.message}`));
        throw new MizanError(ErrorCode.IMPORT_ABANDONED, { id });
      }
      await this.ends.fail(id, tm, err, caught instanceof ReadFailed ? caught.fields : fields, owner);
      throw err instanceof Cancelled ? new MizanError(ErrorCode.JOB_CANCELLED, { id }) : err;
    }
  }

  /** Moves the staged units into the TM (unless a cancel came first) and finishes the job. */
  async commit(id: string, tm: string, options: ImportOptions = {}): Promise<JobView> {
    const owner = this.liveness.owner(id);
    const index = this.indexes.end(id);
    const moved = await this.store.transition(id, 'commit', { owner });
    if (moved === 'fenced' || owner === undefined) {
      // Not this process's job (never read here), or its reading was failed as abandoned while it stalled.
      index?.drop();
      if (owner !== undefined) await this.store.drop(tm, id);
      this.liveness.unbeat(id);
      return this.get(id);
    }
    if (moved !== 'done') {
      index?.drop();
      await this.ends.fail(id, tm, new Cancelled(), {}, owner);
      return this.get(id);
    }
    await this.commits.run(id, tm, owner, index, options);
    const job = await this.get(id);
    options.onProgress?.(job);
    return job;
  }

  /**
   * Records progress as the job's `owner`; throws Cancelled when a cancel was asked (here or on another instance),
   * Fenced when the job has another owner now.
   */
  private async progress(
    id: string,
    owner: number,
    fields: Record<string, string | number>,
    options: ImportOptions,
  ): Promise<void> {
    if (options.signal?.aborted) throw new Cancelled();
    if (!(await this.store.writeOwned(id, owner, fields))) throw new Fenced(id);
    const h = await this.store.readJob(id);
    if (h?.cancel === '1') throw new Cancelled();
    if (options.onProgress && h) options.onProgress(jobView(id, h));
  }
}
