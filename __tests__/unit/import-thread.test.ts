import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMizanError } from '../../src/errors';
import { ReadFailed, readRecords, type RecordBatch } from '../../src/service/import-records';
import { readRecordsInWorker } from '../../src/service/import-thread';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n';
const tu = (i: number, lang: 'en' | 'zh', text: string) =>
  `<tu tuid="t${i}"><tuv xml:lang="ar"><seg>جملة رقم ${i} <ph x="1">{0}</ph></seg></tuv>` +
  `<tuv xml:lang="${lang}"><seg>${text} ${i}</seg></tuv></tu>\n`;
const ids = Array.from({ length: 40 }, (_, i) => i);
const FILE =
  HEAD +
  ids.map((i) => tu(i, 'en', 'Sentence')).join('') +
  ids.map((i) => tu(i, 'zh', '句子')).join('') +
  tu(3, 'en', 'Another') +
  '<tu><tuv xml:lang="ar"><seg>...</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>\n</body></tmx>\n';
/** A fixed `updated`: the two readings' records are compared byte for byte. */
const OPTIONS = { tm: 'tm', file: 'f.tmx', maxBytes: 1 << 20, chunk: 7, updated: 1_700_000_000_000 };

/** The file in chunks of `size` bytes (cut anywhere, inside characters too). */
const chunks = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};

/** Every batch without its time stamp, or the error it ended with (code and parameters). */
async function collect(batches: AsyncGenerator<RecordBatch>) {
  const out: unknown[] = [];
  try {
    for await (const batch of batches) out.push({ ...batch, fields: { ...batch.fields, updated: 0 } });
  } catch (err) {
    const error = err instanceof ReadFailed ? err.error : err;
    out.push({
      error: isMizanError(error) ? { code: error.code, params: error.params } : String(error),
      fields: err instanceof ReadFailed ? { ...err.fields, updated: 0 } : undefined,
    });
  }
  return out;
}

describe('reading an import on a worker thread', () => {
  it('hands out the same batches as reading on the import thread, the last with the encoding', async () => {
    const inWorker = await collect(readRecordsInWorker(chunks(FILE, 333), OPTIONS));
    expect(inWorker).toEqual(await collect(readRecords(chunks(FILE, 333), OPTIONS)));
    const last = inWorker[inWorker.length - 1] as RecordBatch;
    expect(last.encoding).toBe('utf-8');
    expect(last.fields).toMatchObject({ read: 82, staged: 40 });
    expect(inWorker.reduce((n: number, b) => n + (b as RecordBatch).ids.length, 0)).toBe(80);
  });

  it('fails with the error reading on the import thread gives, its code, parameters and counters kept', async () => {
    const broken = FILE.slice(0, 2000) + '<tu><tuv xml:lang="ar"><seg>a < b</seg></tuv></tu></body></tmx>';
    const inWorker = await collect(readRecordsInWorker(chunks(broken, 500), OPTIONS));
    expect(inWorker).toEqual(await collect(readRecords(chunks(broken, 500), OPTIONS)));
    expect(inWorker[inWorker.length - 1]).toMatchObject({
      error: { code: 'XML_MALFORMED', params: { line: expect.any(Number), column: expect.any(Number) } },
      fields: { read: expect.any(Number) },
    });
    const tooLarge = await collect(readRecordsInWorker(chunks(FILE, 500), { ...OPTIONS, maxBytes: 1000 }));
    expect(tooLarge[tooLarge.length - 1]).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } });
  });

  it('passes on an error of the source itself', async () => {
    async function* failing() {
      yield Buffer.from(FILE.slice(0, 1000));
      throw new Error('the upload was cut');
    }
    const out = await collect(readRecordsInWorker(failing(), OPTIONS));
    expect(out[out.length - 1]).toMatchObject({ error: 'Error: the upload was cut' });
  });

  it('stops the thread and closes the source when the import stops taking batches', async () => {
    let closed = false;
    let read = 0;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          read++;
          yield Buffer.from(i === 0 ? HEAD : ids.map((k) => tu(i * 100 + k, 'en', 'Text')).join(''));
        }
      } finally {
        closed = true;
      }
    }
    for await (const batch of readRecordsInWorker(source(), OPTIONS)) {
      expect(batch.ids.length).toBe(7);
      break;
    }
    expect(closed).toBe(true);
    expect(read).toBeLessThan(100); // a few chunks ahead, never the whole source
  });

  describe('a file on disk', () => {
    let dir: string;
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    /** Descriptors this process holds (Linux's /proc; elsewhere the check is left out). */
    const openFds = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : 0);
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-import-thread-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('hands out the batches the same bytes give, with the bytes read as progress, and closes the file', async () => {
      const file = write('whole.tmx', FILE);
      const fds = openFds();
      const fromFile = await collect(readRecordsInWorker({ path: file }, OPTIONS));
      // Chunks of a file stream's size: the counters of each batch are as far as the bytes read so far took them.
      expect(fromFile).toEqual(await collect(readRecords(chunks(FILE, 1 << 16), OPTIONS)));
      const fields = fromFile.map((b) => (b as RecordBatch).fields.bytesRead as number);
      expect(fields).toEqual([...fields].sort((a, b) => a - b));
      expect(fields[fields.length - 1]).toBe(Buffer.byteLength(FILE));
      expect(openFds()).toBe(fds);
    });

    it('fails as the bytes would, and closes the file', async () => {
      const broken = FILE.slice(0, 2000) + '<tu><tuv xml:lang="ar"><seg>a < b</seg></tuv></tu>';
      const file = write('broken.tmx', broken);
      const fds = openFds();
      const fromFile = await collect(readRecordsInWorker({ path: file }, OPTIONS));
      expect(fromFile[fromFile.length - 1]).toMatchObject({ error: { code: 'XML_MALFORMED' } });
      expect(fromFile).toEqual(await collect(readRecords(chunks(broken, 1 << 16), OPTIONS)));
      expect(openFds()).toBe(fds);
    });

    it('stops the thread and closes the file when the import stops taking batches', async () => {
      const tus = Array.from({ length: 300 }, (_, i) => ids.map((k) => tu(i * 100 + k, 'en', 'Text')).join(''));
      const file = write('long.tmx', HEAD + tus.join('') + '</body></tmx>\n');
      const fds = openFds();
      for await (const batch of readRecordsInWorker({ path: file }, OPTIONS)) {
        expect(batch.ids.length).toBe(7);
        expect(batch.fields.bytesRead).toBeLessThan(fs.statSync(file).size);
        break;
      }
      expect(openFds()).toBe(fds);
    });

    it('answers a file that is not there with the error of opening it', async () => {
      await expect(collect(readRecordsInWorker({ path: path.join(dir, 'missing.tmx') }, OPTIONS))).resolves.toEqual([
        { error: expect.stringContaining('ENOENT'), fields: undefined },
      ]);
    });
  });
});
