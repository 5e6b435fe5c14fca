/**
 * Long work done in slices: after about SLICE_MS of it, the event loop is given back (setImmediate), so that the
 * requests waiting meanwhile are served before it goes on. Order and results are those of the same work done at once.
 */

/** Working time after which long work gives the event loop back. */
export const SLICE_MS = 10;

/**
 * Work that gave the loop back, waiting for its next turn. One piece of work resumes per turn of the event loop, so
 * that I/O and timers run between any two slices: were every piece resumed in the same turn (a setImmediate each),
 * eight requests slicing at once would hold the loop for eight slices in a row. Per process, like the loop itself.
 */
const waiting: (() => void)[] = [];
let pumping = false;

function pump(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(pump);
  else pumping = false;
}

/** Resolves once the callbacks already waiting (I/O, timers) and the slices of work queued before this have run. */
export function yieldLoop(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
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

/** Runs work written in steps (a generator that yields between its parts), giving the loop back every `sliceMs`. */
export async function inSlices<T>(steps: Generator<void, T, void>, sliceMs = SLICE_MS): Promise<T> {
  let slice = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - slice >= sliceMs) {
      await yieldLoop();
      slice = performance.now();
    }
  }
}
