/**
 * Work done in steps: a generator that pauses (yields) between its costly parts, so that a caller can give the event
 * loop back there (service/documents.ts); `finish` runs one at once. Same result either way.
 */
export type Steps<T> = Generator<void, T, void>;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
