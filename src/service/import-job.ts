/**
 * An import job's record as it is answered (GET /api/v1/jobs/:id, the CLI): its statuses and the view of its Redis
 * hash (service/imports.ts writes it).
 */
import { ErrorCode, isMizanError, MizanError, StoreUnavailableError } from '../errors';
import type { CommitCounts } from '../store';
import type { MergeConflict } from '../formats/tu-merge';

export const JOB_STATUSES = ['queued', 'running', 'committing', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobView {
  id: string;
  tm: string;
  status: JobStatus;
  file: string;
  created: string;
  updated: string;
  finished?: string;
  encoding?: string;
  units: { read: number; staged: number; written: number; unchanged: number };
  /** The file's bytes read so far, and its size when the job knows it (an upload, a file on disk). */
  bytes: { read: number; total?: number };
  skipped: Record<string, number>;
  merge: JobMerge;
  languages: Record<string, number>;
  cancelRequested: boolean;
  error?: { code: ErrorCode; params: Record<string, string | number> };
}

/**
 * A job's merging: `extended` and `conflicts` count the file's own merging and what the commit found in the TM;
 * `samples`, when the file had conflicts, the first {@link JOB_MERGE_SAMPLES} of them (its later `tu`s with another
 * translation of an Arabic source, the first translation kept).
 */
export interface JobMerge {
  extended: number;
  conflicts: { en: number; zh: number };
  samples?: MergeConflict[];
}

/** Conflict samples a job reports (the merger keeps more; a job record is rewritten at every chunk). */
export const JOB_MERGE_SAMPLES = 20;

/** The merge counts of a job that has merged nothing (yet). */
export const NO_MERGE = '{"extended":0,"conflicts":{"en":0,"zh":0}}';

/** The job's `merge` field: the file's own merging (`read`) and what the commit found in the TM (`c`) together. */
export function mergeField(read: JobMerge, c: CommitCounts): string {
  return JSON.stringify({
    extended: read.extended + c.extended,
    conflicts: { en: read.conflicts.en + c.replaced.en, zh: read.conflicts.zh + c.replaced.zh },
    ...(read.samples && { samples: read.samples }),
  } satisfies JobMerge);
}

const iso = (ms: string | undefined) => (ms ? new Date(Number(ms)).toISOString() : undefined);

/** The job record's fields as a view. */
export function jobView(id: string, h: Record<string, string>): JobView {
  const view: JobView = {
    id,
    tm: h.tm ?? '',
    status: (h.status ?? 'queued') as JobStatus,
    file: h.file ?? '',
    created: iso(h.created)!,
    updated: iso(h.updated ?? h.created)!,
    units: {
      read: Number(h.read ?? 0),
      staged: Number(h.staged ?? 0),
      written: Number(h.written ?? 0),
      unchanged: Number(h.unchanged ?? 0),
    },
    bytes: { read: Number(h.bytesRead ?? 0), ...(h.bytesTotal !== undefined && { total: Number(h.bytesTotal) }) },
    skipped: JSON.parse(h.skipped ?? '{}') as Record<string, number>,
    merge: JSON.parse(h.merge ?? NO_MERGE) as JobMerge,
    languages: JSON.parse(h.languages ?? '{}') as Record<string, number>,
    cancelRequested: h.cancel === '1',
  };
  if (h.finished) view.finished = iso(h.finished)!;
  if (h.encoding) view.encoding = h.encoding;
  if (h.error) view.error = JSON.parse(h.error) as JobView['error'];
  return view;
}

/** What a STORE_UNAVAILABLE job error says to wait before trying again (as the HTTP answer's Retry-After). */
const RETRY_AFTER_SECONDS = 3;

/**
 * The error a job that failed records: a mizan error's code and params, STORE_UNAVAILABLE for Redis away, else
 * INTERNAL with the job's id as its reference (the caller logs the stack).
 */
export function jobError(err: unknown, id: string): { code: ErrorCode; params: Record<string, unknown> } {
  if (err instanceof StoreUnavailableError) {
    return { code: ErrorCode.STORE_UNAVAILABLE, params: { retryAfter: RETRY_AFTER_SECONDS } };
  }
  if (isMizanError(err)) return { code: err.code, params: { ...err.params } };
  return { code: ErrorCode.INTERNAL, params: { ref: id } };
}

/**
 * The error a commit that failed records: Redis still away when its retries ran out (StoreUnavailableError) is
 * IMPORT_COMMIT_INCOMPLETE, which says that the TM holds part of the file (at least `written` units) and that
 * importing it again completes it; any other error as it is.
 */
export function commitError(err: unknown, written: number): unknown {
  if (!(err instanceof StoreUnavailableError)) return err;
  return new MizanError(ErrorCode.IMPORT_COMMIT_INCOMPLETE, { written }, { cause: err });
}

/** The `error` field of a job whose reading was abandoned (its process stopped beating): IMPORT_ABANDONED. */
export function abandonedError(id: string): string {
  return JSON.stringify({ code: ErrorCode.IMPORT_ABANDONED, params: { id } });
}
