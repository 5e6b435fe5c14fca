/**
 * The reading half of a TMX import, as one pipeline that runs on the import's thread or on a worker thread of its own
 * (import-thread.ts): bytes in, bounded by the size limit; parsed (formats/tmx-stream.ts); units without a word
 * dropped; merged by Arabic source (formats/tu-merge.ts); each `tu` turned into the record its unit stages
 * (unit-fields.ts), batched by `chunk`. Nothing here touches Redis: the caller stages each batch.
 *
 * A batch's records travel as UTF-8 bytes, one buffer a batch with its own ArrayBuffer: the reading thread encodes
 * them once, the buffer is moved (not copied) to the import's thread, and Redis is sent those bytes as they are, so
 * the import's thread never holds the records as strings (no decoding, no re-encoding, nothing for its GC).
 *
 * Every batch carries the job's reading counters as of its end (`bytesRead`: the bytes of the file taken in so far,
 * which a caller who knows the file's size shows as progress); the last one (possibly without records) carries the
 * final counters and the encoding the file was read with.
 */
import { ErrorCode, MizanError } from '../errors';
import type { ByteSource } from '../formats/xml-stream';
import { TmxStreamReader } from '../formats/tmx-stream';
import { TuMerger } from '../formats/tu-merge';
import { documentUnitKey, standaloneUnitKey, unitIdOfKey } from './ids';
import { recordBound, writeRecord, type UnitFields } from '../store/unit-record';
import { stagedFields } from './unit-fields';
import { hasWords } from './words';
import { JOB_MERGE_SAMPLES, type JobMerge } from './import-job';

export interface ReadRecordsOptions {
  tm: string;
  /** The file's name, for messages. */
  file: string;
  /** The `tu` prop naming a unit's document. */
  documentProp?: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Records per batch. */
  chunk: number;
  /** The `updated` of every record, epoch ms (default: the time its batch was begun; tests fix it). */
  updated?: number;
}

/** The reading counters of a job record (all strings or numbers, as they are written). */
export type ReadingFields = Record<string, string | number>;

/**
 * Records to stage: the units' ids, whether each record is its unit's first in this import, and the records as unit
 * records (store/unit-record.ts) one after another, record i ending at byte `ends[i]`, in the same order.
 */
export interface RecordBatch {
  ids: string[];
  first: boolean[];
  records: Uint8Array;
  ends: number[];
  fields: ReadingFields;
  /** Set on the last batch only: the file's encoding. */
  encoding?: string;
}

/** What readRecords throws: the error that stopped the read, and the counters as far as the file was read. */
export class ReadFailed extends Error {
  constructor(
    readonly error: unknown,
    readonly fields: ReadingFields,
  ) {
    super('the TMX file could not be read', { cause: error });
  }
}

/**
 * A batch's records one after another, encoded as they come into a buffer of its own that grows when needed. Each is
 * a whole unit record whose `updated` is when the batch was begun: the time the import read the unit, which the
 * commit keeps (it puts records in place as they are, lua/commitImport).
 */
class RecordBytes {
  private bytes = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  readonly ends: number[] = [];

  constructor(private readonly updated: string) {}

  /** Encodes the fields as a staged record (store/unit-record.ts) at the end of the batch. */
  add(fields: UnitFields): void {
    fields.updated = this.updated;
    const bound = recordBound(fields);
    if (this.used + bound > this.bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.used + bound));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used = writeRecord(fields, this.bytes, this.used);
    this.ends.push(this.used);
  }

  /** The records, as a view of an ArrayBuffer that nothing else shares (it can be transferred). */
  view(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used);
  }
}

/** Counts bytes as they pass (`count.bytes`); over `max`, FILE_TOO_LARGE. */
async function* limited(
  source: ByteSource,
  max: number,
  param: string,
  count: { bytes: number },
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    count.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (count.bytes > max) throw new MizanError(ErrorCode.FILE_TOO_LARGE, { param, max });
    yield chunk;
  }
}

/** The file's own merging as the job reports it (import-job.ts): samples only when it had conflicts. */
function fileMerge(merger: TuMerger): JobMerge {
  const { extended, conflicts } = merger.counts;
  const samples = merger.conflictSamples;
  return { extended, conflicts, ...(samples.length > 0 && { samples: samples.slice(0, JOB_MERGE_SAMPLES) }) };
}

/** Reads the file and hands out its records a batch at a time (see the header). */
export async function* readRecords(source: ByteSource, options: ReadRecordsOptions): AsyncGenerator<RecordBatch> {
  const { tm, file } = options;
  const taken = { bytes: 0 };
  const reader = new TmxStreamReader(limited(source, options.maxBytes, file, taken), {
    name: file,
    ...(options.documentProp ? { documentProp: options.documentProp } : {}),
  });
  const merger = new TuMerger((ar) => standaloneUnitKey(tm, ar));
  let noWords = 0;
  let staged = 0;
  const fields = (): ReadingFields => {
    const counts = reader.counts;
    return {
      read: counts.tus,
      staged,
      bytesRead: taken.bytes,
      skipped: JSON.stringify({ ...counts.skipped, 'no-words': noWords, duplicate: merger.counts.duplicates }),
      merge: JSON.stringify(fileMerge(merger)),
      languages: JSON.stringify(counts.languages),
      updated: Date.now(),
    };
  };
  let ids: string[] = [];
  let first: boolean[] = [];
  const begin = () => new RecordBytes(String(options.updated ?? Date.now()));
  let bytes = begin();
  const batch = (): RecordBatch => {
    const out = { ids, first, records: bytes.view(), ends: bytes.ends, fields: fields() };
    ids = [];
    first = [];
    bytes = begin();
    return out;
  };
  try {
    for await (const tus of reader.batches()) {
      for (const tu of tus) {
        if (!hasWords(tu.langs.ar!.text)) {
          noWords++;
          continue;
        }
        // A tu that names its document and position is that row (ids.ts, unitIdFor): its id comes from its place.
        const place =
          tu.document !== undefined && tu.position !== undefined
            ? documentUnitKey(tm, tu.document, tu.position)
            : undefined;
        // A tuid that is that row's unit id is mizan's name for the row, which a document's TMX writes for a unit
        // without a tuid of its own (unit-fields.ts, rowTmx): not the unit's metadata, so not kept.
        if (place !== undefined && tu.tuid !== undefined && tu.tuid === unitIdOfKey(place)) delete tu.tuid;
        const outcome = merger.add(tu, place);
        if (outcome.status === 'duplicate' || outcome.status === 'conflict') continue;
        const isNew = outcome.status === 'new';
        if (isNew) staged++;
        const unitId = unitIdOfKey(outcome.key);
        ids.push(unitId);
        first.push(isNew);
        bytes.add(stagedFields(tu, isNew ? 'all' : outcome.added, outcome.apart));
        if (ids.length >= options.chunk) yield batch();
      }
    }
  } catch (err) {
    throw new ReadFailed(err, fields());
  }
  yield { ...batch(), encoding: reader.encoding! };
}
