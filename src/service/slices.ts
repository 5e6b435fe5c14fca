/**
 * Long work done in slices: after about SLICE_MS of it, the event loop is given back (setImmediate), so that the
 * requests waiting meanwhile are served before it goes on. Order and results are those of the same work done at once.
 */

/** Working time after which long work gives the event loop back. */
export const SLICE_MS = 10;

/** Resolves after the callbacks already waiting (I/O, timers, other requests' steps) have run. */
export function yieldLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `items.map(fn)`, giving the event loop back every `sliceMs` of work. */
export async function mapInSlices<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
  sliceMs = SLICE_MS,
): Promise<U[]> {
  const out = new Array<U>(items.length);
  let slice = performance.now();
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - slice >= sliceMs) {
      await yieldLoop();
      slice = performance.now();
    }
    out[i] = fn(items[i]!, i);
  }
  return out;
}
