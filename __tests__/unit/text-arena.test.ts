import os from 'node:os';
import { CHUNK, TextArena } from '../../src/match/text-arena';

/** Writes `text` at the end of the arena as UTF-8: where it went. */
function put(arena: TextArena, text: string): [number, number, number] {
  const n = Buffer.byteLength(text);
  const [c, at] = arena.room(n);
  arena.last.write(text, at);
  return [c, at, n];
}

const texts = (count: number) => Array.from({ length: count }, (_, i) => `نص رقم ${i} ${'ب'.repeat(i % 90)}`);

describe('a TM index texts arena with a spill file', () => {
  it('keeps the texts in memory while they stay under the memory allowed', () => {
    const arena = new TextArena({ dir: os.tmpdir(), memoryBytes: 4 * CHUNK });
    const placed = texts(2000).map((t) => [t, put(arena, t)] as const);
    expect(arena.stats.chunks).toBeLessThanOrEqual(2);
    expect(arena.stats.spilledBytes).toBe(0);
    for (const [t, [c, at, n]] of placed) expect(arena.decode(c, at, n, 'utf8')).toBe(t);
    arena.clear();
  });

  it('puts every full chunk in the file once they pass it, the first ones too, and reads them all back', () => {
    const arena = new TextArena({ dir: os.tmpdir(), memoryBytes: 2 * CHUNK });
    const placed = texts(12_000).map((t) => [t, put(arena, t)] as const);
    const { chunks, spilledBytes } = arena.stats;
    expect(chunks).toBeGreaterThanOrEqual(5);
    const last = placed[placed.length - 1]![1][0];
    const inLastChunk = placed.filter(([, [c]]) => c === last).reduce((sum, [, [, , n]]) => sum + n, 0);
    const total = placed.reduce((sum, [, [, , n]]) => sum + n, 0);
    expect(spilledBytes).toBe(total - inLastChunk);
    for (const [t, [c, at, n]] of placed) expect(arena.decode(c, at, n, 'utf8')).toBe(t);
    arena.clear();
    expect(arena.stats).toEqual({ chunks: 0, spilledBytes: 0 });
  });
});
