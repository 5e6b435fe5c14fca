import { unitIdPage, type Scan } from '../../src/service/unit-pages';

const id = (n: number) => `u${n.toString(16).padStart(20, '0')}`;
const ids = (n: number) => Array.from({ length: n }, (_, i) => id(i));

/**
 * A set scanned as SSCAN scans one: `buckets` in cursor order, each reply whole buckets until it holds `count` ids
 * or more (so replies overshoot COUNT, as Redis's do); `small` answers the whole set at once, as a listpack does.
 */
function scanner(buckets: string[][], small = false): Scan & { calls: number } {
  const scan = async (cursor: string, count: number) => {
    scan.calls++;
    if (small) return { cursor: '0', ids: buckets.flat() };
    let at = Number(cursor);
    const out: string[] = [];
    while (at < buckets.length && out.length < count) out.push(...buckets[at++]!);
    return { cursor: at >= buckets.length ? '0' : String(at), ids: out };
  };
  scan.calls = 0;
  return scan;
}

async function walk(scan: Scan, limit: number, between?: (page: number) => void) {
  const pages: string[][] = [];
  let cursor = '0';
  do {
    const page = await unitIdPage(scan, cursor, limit);
    pages.push(page.ids);
    cursor = page.cursor;
    between?.(pages.length);
  } while (cursor !== '0' && pages.length < 10_000);
  return pages;
}

describe('pages of units over SSCAN', () => {
  it('hold exactly `limit` units (the last fewer), each unit once, whatever SSCAN answers per call', async () => {
    const all = ids(23);
    const buckets = [all.slice(0, 3), all.slice(3, 5), [], all.slice(5, 12), all.slice(12, 13), all.slice(13)];
    for (const limit of [1, 2, 4, 7, 100]) {
      const pages = await walk(scanner(buckets), limit);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(pages.at(-1)!.length).toBeLessThanOrEqual(limit);
      expect(pages.flat().sort()).toEqual(all);
    }
  });

  it('page a small set answered whole by one SSCAN call one unit at a time', async () => {
    const pages = await walk(scanner([ids(5)], true), 1);
    expect(pages).toEqual(ids(5).map((u) => [u]));
  });

  it('miss no unit present throughout when units are added and removed between pages', async () => {
    const all = ids(40);
    const buckets = Array.from({ length: 8 }, (_, b) => all.filter((_, i) => i % 8 === b));
    const kept = new Set(all.filter((_, i) => i % 3 !== 0));
    let added = 1000;
    const pages = await walk(scanner(buckets), 3, (page) => {
      const bucket = buckets[page % 8]!;
      const gone = bucket.findIndex((u) => !kept.has(u)); // one that was not there for the whole walk
      if (gone >= 0) bucket.splice(gone, 1);
      bucket.unshift(id(added++)); // changes where a reply ends
    });
    const seen = new Set(pages.flat());
    expect([...kept].filter((u) => !seen.has(u))).toEqual([]);
    expect(pages.every((p) => p.length <= 3)).toBe(true);
  });

  it('take a reply from its start again when it now ends elsewhere (a unit from further on sorts first)', async () => {
    const buckets = [[id(10), id(11)], [id(12), id(13)], [id(1)], [id(20)]];
    const scan = scanner(buckets);
    const first = await unitIdPage(scan, '0', 3);
    expect(first.ids).toEqual([id(10), id(11), id(12)]);
    buckets[0] = []; // both returned already, then deleted: the next reply from 0 reaches into bucket 2
    const second = await unitIdPage(scan, first.cursor, 3);
    expect(second.ids).toEqual([id(1), id(12), id(13)]);
    const third = await unitIdPage(scan, second.cursor, 3);
    expect(third).toEqual({ ids: [id(20)], cursor: '0' });
  });

  it('refuses a scan cursor past 2^64 − 1, which Redis would refuse as a server error', async () => {
    const scan = scanner([ids(3)]);
    for (const cursor of ['18446744073709551616', '99999999999999999999', `99999999999999999999.5.0.${id(1)}`])
      await expect(unitIdPage(scan, cursor, 2)).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(unitIdPage(scan, `1.5.99999999999999999999.${id(1)}`, 2)).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
    });
    expect((await unitIdPage(scan, '18446744073709551615', 2)).ids.length).toBeLessThanOrEqual(2);
  });

  it('refuses a cursor of another form', async () => {
    const scan = scanner([ids(3)]);
    for (const cursor of ['-1', 'abc', '0.0.0.u0', `0.0.0.${id(1)}`, `0.5000.0.${id(1)}`])
      await expect(unitIdPage(scan, cursor, 2)).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });
});
