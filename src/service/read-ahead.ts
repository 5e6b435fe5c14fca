/**
 * Pages read ahead: for each batch of ids a scan yields (SSCAN pages), `read` is asked at once, up to `ahead` pages
 * beyond the one the consumer waits for. The scan runs beside the consumer, so Redis scans and reads the next pages
 * while the consumer works on this one (an export encoding it, an index rebuild tokenizing it). Pages come in scan
 * order; a failed scan or read is thrown to the consumer when it reaches it.
 */
export async function* readAhead<T>(
  batches: AsyncIterable<readonly string[]>,
  read: (ids: readonly string[]) => Promise<T>,
  ahead: number,
): AsyncGenerator<T> {
  const iterator = batches[Symbol.asyncIterator]();
  const pending: Promise<T>[] = [];
  let done = false;
  let scanning: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  const scan = (): Promise<void> => {
    scanning ??= (async () => {
      while (!done && pending.length < ahead) {
        const next = await iterator.next();
        if (next.done) done = true;
        else {
          const page = read(next.value);
          page.catch(() => undefined); // awaited by the consumer
          pending.push(page);
        }
      }
    })()
      .catch((error: unknown) => {
        failure = { error };
        done = true;
      })
      .finally(() => {
        scanning = undefined;
      });
    return scanning;
  };
  try {
    for (;;) {
      if (pending.length === 0) await scan();
      else void scan();
      if (failure) throw failure.error;
      const page = pending.shift();
      if (!page) return;
      yield await page;
    }
  } finally {
    done = true;
    await scanning;
    await Promise.allSettled(pending);
    await iterator.return?.();
  }
}
