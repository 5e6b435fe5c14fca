import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { bareUnit, generate } from '../../bench/generate';
import { TmIndex } from '../../src/match';
import { UnitTable } from '../../src/match/unit-table';
import { encodedUnits, recordUnit } from '../../src/store/unit-read';
import { encodeRecord, type UnitFields } from '../../src/store/unit-record';
import type { EncodedUnits, Lang, Unit } from '../../src/types';

/** Records as Redis holds them, one after another, and the units they are made into for an index's table. */
function encode(tm: string, units: { id: string; fields: UnitFields }[]): EncodedUnits {
  const records = units.map((u) => encodeRecord({ pos: '0', para: '0', updated: '1', ...u.fields }));
  const ends = records.map((_, i) => records.slice(0, i + 1).reduce((n, r) => n + r.length, 0));
  return encodedUnits(
    tm,
    units.map((u) => u.id),
    Buffer.concat(records),
    ends,
  );
}

/** Puts unit i in as the index's loads do: its Arabic decoded (to be tokenized) and handed over with the bytes. */
function putIn(table: UnitTable, units: EncodedUnits, i: number): void {
  const [from, to] = [units.spans[6 * i]!, units.spans[6 * i + 1]!];
  table.putEncoded(units, i, units.bytes.toString('utf8', from, to));
}

const plain = { id: 'u1', fields: { ar: 'وزير الخارجية الصيني', en: 'The Chinese foreign minister', zh: '中国外长' } };
const odd = { id: 'u2', fields: { ar: 'نص 𠀋 مع رموز 😀', en: '', zh: '𠀋字', tmx: '{"tuid":"x"}' } }; // beyond the BMP
const row = {
  id: 'u3',
  fields: {
    ar: 'السطر الثالث',
    en: 'The third row',
    zh: '第三行',
    doc: 'doc-1',
    pos: '2',
    para: '1',
    conf: '0.42',
    review: 'counts,neighbour',
    split: JSON.stringify({ lang: 'zh', marks: ['，'] }),
  },
};
const LANGS: Lang[] = ['ar', 'en', 'zh'];

describe('the unit table', () => {
  it('gives back a unit put in as bytes exactly as the store reads it, and one put in as an object as it was put', () => {
    const table = new UnitTable();
    const all = [plain, odd, row];
    const batch = encode('tm1', all);
    all.forEach((_, i) => putIn(table, batch, i));
    for (const u of all) {
      const stored = recordUnit('tm1', u.id, encodeRecord({ pos: '0', para: '0', ...u.fields }));
      expect(table.get(u.id)).toStrictEqual(stored);
      for (const lang of LANGS) {
        expect(table.text(u.id, lang)).toBe(stored![lang]);
        expect(table.has(u.id, lang)).toBe(stored![lang] !== '');
      }
    }
    const object: Unit = { ...bareUnit('o1', 'نص كائن'), en: 'an object', tm: 'tm1' };
    table.put(object);
    expect(table.get('o1')).toBe(object);
    expect([table.text('o1', 'en'), table.has('o1', 'zh'), table.has('gone', 'ar'), table.text('gone', 'ar')]).toEqual([
      'an object',
      false,
      false,
      '',
    ]);
    expect(table.size).toBe(4);
    const { rows, gens } = table.snapshot();
    const ids = [...rows].map((row) => table.idOf(row));
    expect([...ids].sort()).toEqual(['o1', 'u1', 'u2', 'u3']);
    const [k, k2] = [ids.indexOf('u1'), ids.indexOf('u2')];
    expect(table.delete('u1')).toBe(rows[k]);
    expect(table.put({ ...object, unitId: 'o3' })).toBe(rows[k]); // into u1's row
    expect([table.textAt(rows[k]!, gens[k]!, 'en'), table.textAt(rows[k2]!, gens[k2]!, 'zh')]).toEqual(['', '𠀋字']);
  });

  it('finds a document’s rows by place, and forgets a place when its unit goes', () => {
    const table = new UnitTable();
    putIn(table, encode('tm1', [plain, row]), 1);
    table.put({ ...bareUnit('o2', 'سطر'), documentId: 'doc-1', position: 5 });
    expect(table.at('doc-1', 2)?.unitId).toBe('u3');
    expect(table.at('doc-1', 5)?.unitId).toBe('o2');
    expect(table.ofDocument('doc-1').sort()).toEqual(['o2', 'u3']);
    expect(table.delete('u3')).toBeGreaterThanOrEqual(0);
    expect(table.delete('u3')).toBe(-1);
    expect(table.at('doc-1', 2)).toBeUndefined();
    expect(table.ofDocument('doc-1')).toEqual(['o2']);
  });

  it('keeps the TM of a unit from another TM than the first one put in as bytes', () => {
    const table = new UnitTable();
    putIn(table, encode('tm1', [plain]), 0);
    putIn(table, encode('tm2', [{ ...plain, id: 'v1' }]), 0);
    expect([table.get('u1')?.tm, table.get('v1')?.tm]).toEqual(['tm1', 'tm2']);
  });

  it('holds texts larger than an arena chunk', () => {
    const table = new UnitTable();
    const long = 'كلمة '.repeat(60_000); // ≈ 540 KB of UTF-8
    putIn(table, encode('tm1', [plain, { id: 'big', fields: { ar: long, en: 'big', zh: '' } }, odd]), 1);
    putIn(table, encode('tm1', [plain]), 0);
    expect(table.text('big', 'ar')).toBe(long);
    expect(table.get('u1')?.en).toBe(plain.fields.en);
  });

  it('holds Chinese in two bytes a character (UTF-16 when shorter than its UTF-8), and gives every text back exactly', () => {
    const table = new UnitTable();
    const ar = 'وَزِيرُ الخارجيةِ الصينيُّ، «تشين قانغ»؛ هل؟ 26 أبريل ـ ‌';
    const zh = '中国外长秦刚，“会晤”。';
    putIn(table, encode('tm1', [{ id: 'c1', fields: { ar, en: 'The minister.', zh } }]), 0);
    expect(table.arena.live).toBe(2 * ar.length + 'The minister.'.length + 2 * zh.length);
    expect([table.text('c1', 'ar'), table.text('c1', 'zh')]).toEqual([ar, zh]);
    // Chinese text that is mostly Latin stays UTF-8, which is shorter; astral characters and placeables read back.
    const wide = 'نص \uE000 رقم ٢٠٢٣ ی 😀';
    const latinZh = 'iPhone 15 Pro';
    putIn(table, encode('tm1', [{ id: 'c2', fields: { ar: wide, en: '', zh: latinZh } }]), 0);
    expect(table.arena.live - (2 * ar.length + 13 + 2 * zh.length)).toBe(2 * wide.length + latinZh.length);
    expect(table.get('c2')).toMatchObject({ ar: wide, en: '', zh: latinZh });
  });

  it('gives back any text put in as bytes, whichever encoding holds it', () => {
    const table = new UnitTable();
    const alphabet = [
      ...Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(0x600 + c)),
      ...Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)),
      ...'€‌‍‎‏ …‰ŒœÀàçéêîôùûü中文字，。😀\uE000\uE001',
    ].filter((ch) => (ch !== '\r' && ch.trim() !== '') || ch === ' ');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }),
        (a, z) => {
          const [ar, zh] = [a.join('').trim(), z.join('').trim()];
          if (ar === '') return;
          const id = `p${table.size}`;
          putIn(table, encode('tm1', [{ id, fields: { ar, en: 'x', zh } }]), 0);
          expect([table.text(id, 'ar'), table.text(id, 'zh'), table.text(id, 'en')]).toEqual([ar, zh, 'x']);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reuses the rows of units taken out, and copies the arena afresh once most of it is dead', () => {
    const table = new UnitTable(undefined, 1000); // compaction allowed past 1,000 dead bytes
    const units = Array.from({ length: 300 }, (_, i) => ({
      id: `u${i}`,
      fields: { ar: `نص رقم ${i}`, en: `text number ${i}`, zh: `第${i}号` },
    }));
    const batch = encode('tm1', units);
    units.forEach((_, i) => putIn(table, batch, i));
    const before = table.arena.live;
    for (let i = 0; i < 300; i++) if (i % 10 !== 0) table.delete(`u${i}`);
    expect(table.arena.dead).toBeLessThan(before / 2); // compacted on the way
    expect(table.arena.live).toBeLessThan(before / 5);
    for (let i = 0; i < 300; i += 10) expect(table.get(`u${i}`)?.zh).toBe(`第${i}号`);
    putIn(table, batch, 7); // back in, into a free row
    expect(table.get('u7')?.en).toBe('text number 7');
    expect(table.size).toBe(31);
    table.clear();
    expect([table.size, table.arena.live, table.get('u0')]).toEqual([0, 0, undefined]);
  });
});

describe('a unit table whose texts go to a file past the memory it is allowed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-spill-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const many = (n: number, from = 0) =>
    Array.from({ length: n }, (_, k) => {
      const i = from + k;
      return { id: `s${i}`, fields: { ar: `نص طويل رقم ${i} `.repeat(8).trim(), en: `text ${i}`, zh: `第${i}号句子` } };
    });

  it('gives every text back from the file, in any order, and leaves no file behind in its directory', () => {
    const table = new UnitTable({ dir, memoryBytes: 0 });
    const units = [...many(3000), { id: 'big', fields: { ar: 'كلمة '.repeat(60_000).trim(), en: 'big', zh: '' } }];
    const batch = encode('tm1', units);
    units.forEach((_, i) => putIn(table, batch, i));
    expect(table.arena.spilled).toBeGreaterThan(table.arena.live / 2);
    expect(fs.readdirSync(dir)).toEqual([]); // unlinked as soon as opened
    const order = units.map((_, i) => (i * 7919) % units.length);
    for (const i of order) {
      const u = units[i]!;
      expect(table.get(u.id)).toMatchObject({ ar: u.fields.ar, en: u.fields.en, zh: u.fields.zh });
    }
    table.clear();
    expect([table.size, table.arena.spilled, table.get('s1')]).toEqual([0, 0, undefined]);
  });

  it('keeps its first chunks in memory up to what it is allowed, and only the rest in the file', () => {
    const table = new UnitTable({ dir, memoryBytes: 1 << 20 });
    const small = many(100);
    const batch = encode('tm1', small);
    small.forEach((_, i) => putIn(table, batch, i));
    expect(table.arena.spilled).toBe(0); // well under 1 MiB
    const large = many(6000, 100);
    const more = encode('tm1', large);
    large.forEach((_, i) => putIn(table, more, i));
    expect(table.arena.spilled).toBeGreaterThan(0);
    expect(table.arena.live - table.arena.spilled).toBeLessThanOrEqual((1 << 20) + (1 << 18));
    expect([table.text('s0', 'ar'), table.text('s6099', 'zh')]).toEqual([small[0]!.fields.ar, '第6099号句子']);
  });

  it('compacts from the file into a fresh one, every live text kept', () => {
    const table = new UnitTable({ dir, memoryBytes: 0 }, 1000);
    const units = many(3000);
    const batch = encode('tm1', units);
    units.forEach((_, i) => putIn(table, batch, i));
    const before = table.arena.spilled;
    for (let i = 0; i < 3000; i++) if (i % 10 !== 0) table.delete(`s${i}`);
    expect(table.arena.spilled).toBeLessThan(before / 5); // the live tenth copied into a new file
    for (let i = 0; i < 3000; i += 10) expect(table.get(`s${i}`)).toMatchObject(units[i]!.fields);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('an index of units put in as bytes', () => {
  it('answers every query as one of the same units put in as objects', async () => {
    const data = generate(2400, 30, 9);
    const fields = data.tm.map((ar, i) => ({
      id: `u${i}`,
      fields: { ar, en: i % 3 === 0 ? '' : `sentence ${i}`, zh: i % 5 === 0 ? `句子${i}` : '' },
    }));
    const objects = new TmIndex();
    objects.load(fields.map((f) => recordUnit('tm', f.id, encodeRecord({ pos: '0', para: '0', ...f.fields }))!));
    // Its texts past the first chunk in a file: the search reads its candidates' texts from there.
    const texts = { dir: os.tmpdir(), memoryBytes: 0 };
    const bytes = new TmIndex({ pace: () => new Promise<void>((resolve) => setImmediate(resolve)), texts });
    const load = bytes.loadInPages(['ar'], 2400);
    for (let k = 0; k < 2400; k += 500) await load.addEncoded(encode('tm', fields.slice(k, k + 500)));
    await load.finish();
    for (const q of data.queries.map((x) => x.text)) {
      const options = { min: 50, limit: 5, withTargets: ['en' as const] };
      expect(bytes.search(q, 'ar', options)).toEqual(objects.search(q, 'ar', options));
    }
    expect(bytes.search('sentence 7', 'en', { min: 50, limit: 3 })).toEqual(
      objects.search('sentence 7', 'en', { min: 50, limit: 3 }),
    );
    expect(bytes.get('u10')).toStrictEqual(objects.get('u10'));
  });
});
