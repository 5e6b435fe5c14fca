/**
 * The bytes of a unit table's texts (match/unit-table.ts): chunks of CHUNK bytes (a text larger than that gets a
 * chunk of its own) outside the JS heap, written one after the other. With a spill (`TextSpill`), once the chunks
 * pass `memoryBytes` every full chunk is written to a file, those before too, and the last one's memory reused for
 * the next chunk: the texts of a large TM then live in the file, all but the chunk being filled (the first megabytes
 * kept in memory would hold a sliver of them — 16 of 520 MB at 1M units — and spare few reads), in the kernel's page
 * cache, which it may drop and read again, not in this process's RSS; a text read from there costs a `pread`. The
 * file is unlinked as soon as it is opened, so nothing is left on disk when the process ends however it ends; it is
 * closed when the arena is cleared or collected. DESIGN.md, "The unit table".
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Bytes of a chunk. Small enough for the allocator to serve without a fresh mapping each (DESIGN.md). */
export const CHUNK = 1 << 18;

/** Where a table's texts go once they pass `memoryBytes`: a file in `dir`. */
export interface TextSpill {
  dir: string;
  memoryBytes: number;
}

/** Closes the file of an arena that was collected without being cleared. */
const closing = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Opens an unnamed file in `dir` (created, then unlinked at once): its descriptor. */
export function openSpillFile(dir: string): number {
  const file = path.join(dir, `mizan-texts-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = fs.openSync(file, 'wx+', 0o600);
  fs.unlinkSync(file);
  return fd;
}

export class TextArena {
  /** Per chunk: its memory (undefined once in the file), its place in the file (-1 while in memory), its bytes. */
  private mem: (Buffer | undefined)[] = [];
  private fileAt: number[] = [];
  private used: number[] = [];
  /** Bytes used in the last chunk. */
  private fill = CHUNK;
  private inMemory = 0;
  /** Set once the chunks passed the memory allowed: every full chunk is then in the file. */
  private spilling = false;
  private fd = -1;
  private fileBytes = 0;
  private token = {};
  /** A chunk read whole from the file (a compaction's or a build's walk reads the rows in their order). */
  private scratch = Buffer.alloc(0);
  private cached = -1;

  constructor(private readonly spill?: TextSpill) {}

  /** Chunks, and the bytes written to the file. */
  get stats(): { chunks: number; spilledBytes: number } {
    return { chunks: this.mem.length, spilledBytes: this.fileBytes };
  }

  /** Room for `n` bytes at the end of the last chunk (a new one when they do not fit): the chunk's number and where. */
  room(n: number): [number, number] {
    if (this.fill + n > CHUNK || this.mem.length === 0) this.next(n);
    const at = this.fill;
    this.fill += n;
    this.used[this.mem.length - 1] = this.fill;
    return [this.mem.length - 1, at];
  }

  /** The last chunk's memory (where `room` points). */
  get last(): Buffer {
    return this.mem[this.mem.length - 1]!;
  }

  /** `n` bytes at `at` of chunk `c` decoded. */
  decode(c: number, at: number, n: number, encoding: BufferEncoding): string {
    const buf = this.mem[c];
    if (buf) return buf.toString(encoding, at, at + n);
    if (this.cached === c) return this.scratch.toString(encoding, at, at + n);
    this.read(c, at, n);
    return this.scratch.toString(encoding, 0, n);
  }

  /** Copies `n` bytes at `at` of chunk `c` to `target` at `to`, reading the chunk whole when it is in the file. */
  copy(c: number, at: number, n: number, target: Buffer, to: number): void {
    const buf = this.mem[c] ?? this.whole(c);
    buf.copy(target, to, at, at + n);
  }

  /** Lets every chunk go and closes the file. */
  clear(): void {
    this.mem = [];
    this.fileAt = [];
    this.used = [];
    this.fill = CHUNK;
    this.inMemory = 0;
    this.spilling = false;
    this.fileBytes = 0;
    this.cached = -1;
    if (this.fd >= 0) {
      closing.unregister(this.token);
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }

  /**
   * A new last chunk; the full one before it goes to the file once the chunks have taken the memory allowed, the
   * chunks before it too the first time.
   */
  private next(n: number): void {
    const full = this.mem.length - 1;
    let reuse: Buffer | undefined;
    if (this.spill && full >= 0 && (this.spilling || this.inMemory >= this.spill.memoryBytes)) {
      if (!this.spilling) for (let c = 0; c < full; c++) if (this.mem[c]) this.inMemory -= this.toFile(c).length;
      this.spilling = true;
      reuse = this.toFile(full);
    }
    const size = Math.max(CHUNK, n);
    let buf = reuse;
    if (!buf || buf.length < size) {
      buf = Buffer.allocUnsafe(size);
      this.inMemory += size - (reuse?.length ?? 0);
    }
    this.mem.push(buf);
    this.fileAt.push(-1);
    this.used.push(0);
    this.fill = 0;
  }

  /** Writes chunk `c` to the end of the file and takes it out of memory: its buffer, to be reused. */
  private toFile(c: number): Buffer {
    if (this.fd < 0) {
      this.fd = openSpillFile(this.spill!.dir);
      closing.register(this, this.fd, this.token);
    }
    const buf = this.mem[c]!;
    const n = this.used[c]!;
    for (let done = 0; done < n;) done += fs.writeSync(this.fd, buf, done, n - done, this.fileBytes + done);
    this.fileAt[c] = this.fileBytes;
    this.fileBytes += n;
    this.mem[c] = undefined;
    return buf;
  }

  /** Reads `n` bytes at `at` of chunk `c` from the file into the scratch buffer's start. */
  private read(c: number, at: number, n: number): void {
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 4096));
    this.cached = -1;
    for (let done = 0; done < n;) {
      const got = fs.readSync(this.fd, this.scratch, done, n - done, this.fileAt[c]! + at + done);
      if (got === 0) throw new Error(`texts file: chunk ${c} ends early`);
      done += got;
    }
  }

  /** Chunk `c` read whole from the file (kept until another chunk is read). */
  private whole(c: number): Buffer {
    if (this.cached !== c) {
      this.read(c, 0, this.used[c]!);
      this.cached = c;
    }
    return this.scratch;
  }
}
