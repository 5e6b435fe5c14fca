/** What an import job is told: the settings of the process's imports (Imports), and the options of one job. */
import type { TextSpill } from '../match';
import type { JobView } from './import-job';

export interface ImportSettings {
  /** Units staged per script call. */
  stageChunk: number;
  /** Units committed per script call; an import of at most this many units commits in one call (atomically). */
  commitChunk: number;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Staged keys of a job whose process died expire after this long. */
  stagingTtlMs: number;
  /** A finished job's record is kept this long. */
  jobTtlSeconds: number;
  /** How often a process refreshes the `heartbeat` of a job it reads or commits. */
  heartbeatMs: number;
  /** A running or committing job whose heartbeat is older than this is abandoned (its process gone). */
  abandonedMs: number;
  /** How long a job's end (and the drop of its staging) is tried again while Redis is away. */
  endRetryMs: number;
  /** Where the file is parsed: a worker thread of its own (import-thread.ts), or the import's thread. */
  readThread: 'worker' | 'inline';
  /**
   * Whether an import into an empty TM builds the TM's index in this process as it reads (import-index.ts), handed
   * to the TM's mirror when the commit ends: a server, which answers queries next; not a command-line import.
   */
  buildIndex: boolean;
  /** Where such an index keeps its texts past the memory allowed (match/text-arena.ts); none: all in memory. */
  indexTexts?: TextSpill;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  stageChunk: 1000,
  commitChunk: 2000,
  maxBytes: 1024 * 2 ** 20,
  stagingTtlMs: 24 * 3600_000,
  jobTtlSeconds: 7 * 24 * 3600,
  endRetryMs: 3600_000,
  heartbeatMs: 5000,
  abandonedMs: 30_000,
  readThread: 'worker',
  buildIndex: false,
};

export interface ImportOptions {
  /** The file's name, for messages and the job record. */
  file?: string;
  /** The `tu` prop naming a unit's document (default `x-document`). */
  documentProp?: string;
  /** Largest file accepted, in bytes (default: the settings'). */
  maxBytes?: number;
  /** Aborting cancels the import (a client that went away, Ctrl-C). */
  signal?: AbortSignal;
  /** Told the job's counters as they move (every chunk). */
  onProgress?: (job: JobView) => void;
  /**
   * Called once the file has been read, whether it was read whole or not, before the job records how reading ended
   * (a spooled upload is removed then: a job seen `failed`, `cancelled` or committing has no file left behind).
   */
  release?: () => Promise<void>;
}
