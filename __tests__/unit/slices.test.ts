/** Long work in slices (service/slices.ts): the same results as done at once, with other work run in between. */
import { mapInSlices } from '../../src/service/slices';

describe('mapInSlices', () => {
  it('maps every item in order, with its index', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => `row ${i}`);
    expect(await mapInSlices(items, (s, i) => `${i}:${s}`)).toEqual(items.map((s, i) => `${i}:${s}`));
  });

  it('gives the event loop back between slices, so that waiting callbacks run before the work goes on', async () => {
    // A slice of 0 ms yields before every item after the first: a chain of setImmediate callbacks (standing for
    // other requests) advances between any two items, whatever the machine's speed.
    const seen: number[] = [];
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const out = await mapInSlices([1, 2, 3, 4, 5], (n) => (seen.push(ticks), n * 2), 0);
    running = false;
    expect(out).toEqual([2, 4, 6, 8, 10]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
  });

  it('maps nothing to nothing', async () => {
    expect(await mapInSlices([], () => 1)).toEqual([]);
  });
});
