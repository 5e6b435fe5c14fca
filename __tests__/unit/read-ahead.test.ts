import { readAhead } from '../../src/service/read-ahead';

async function* batches(n: number, log: string[], failAt = -1): AsyncGenerator<string[]> {
  try {
    for (let i = 0; i < n; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (i === failAt) throw new Error('scan failed');
      log.push(`scan ${i}`);
      yield [`a${i}`, `b${i}`];
    }
  } finally {
    log.push('scan closed');
  }
}

describe('pages read ahead', () => {
  it('come in scan order, with at most `ahead` asked for beyond the one the consumer waits for', async () => {
    const log: string[] = [];
    let asked = 0;
    let taken = 0;
    let most = 0;
    const read = async (ids: readonly string[]) => {
      asked++;
      most = Math.max(most, asked - taken);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return ids.join('+');
    };
    const pages: string[] = [];
    for await (const page of readAhead(batches(7, log), read, 3)) {
      taken++;
      pages.push(page);
    }
    expect(pages).toEqual(Array.from({ length: 7 }, (_, i) => `a${i}+b${i}`));
    // Three asked before the first is taken; a fourth while the consumer waits for one, when the scan gets there first.
    expect(most).toBeGreaterThanOrEqual(3);
    expect(most).toBeLessThanOrEqual(3 + 1);
    expect(log.at(-1)).toBe('scan closed');
  });

  it('throws a failed read or scan to the consumer, and closes the scan when the consumer stops', async () => {
    const failingRead = async (ids: readonly string[]) => {
      if (ids[0] === 'a2') throw new Error('read failed');
      return ids[0];
    };
    const got: unknown[] = [];
    await expect(
      (async () => {
        for await (const page of readAhead(batches(5, []), failingRead, 2)) got.push(page);
      })(),
    ).rejects.toThrow('read failed');
    expect(got).toEqual(['a0', 'a1']);

    await expect(
      (async () => {
        for await (const page of readAhead(batches(5, [], 3), async (ids) => ids[0], 2)) void page;
      })(),
    ).rejects.toThrow('scan failed');

    const log: string[] = [];
    for await (const page of readAhead(batches(50, log), async (ids) => ids[0], 2)) if (page === 'a1') break;
    expect(log.at(-1)).toBe('scan closed');
    expect(log.filter((l) => l.startsWith('scan ')).length).toBeLessThanOrEqual(4);
  });
});
