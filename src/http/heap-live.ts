/**
 * The live JavaScript heap: V8's used heap size just after the last full (mark-compact) collection, as the gauge
 * `heap_live_bytes`. The default metrics' `nodejs_heap_size_used_bytes` is read at scrape time, so it swings with the
 * garbage made since the last collection, and the resident set includes the room V8 keeps free for the next one;
 * neither tells a leak from a heap that settled. This one rises only with what stays reachable (a TM index growing
 * with its writes, or a leak), which is what the load script's memory trend reads.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Gauge, type Registry } from 'prom-client';

interface GcDetail {
  kind?: number;
}

/**
 * Registers the gauge; the returned function stops observing collections. `updated` is told each new value (tests
 * wait for it: the observer hears of a collection asynchronously).
 */
export function heapLiveGauge(registry: Registry, prefix: string, updated?: (bytes: number) => void): () => void {
  let live = getHeapStatistics().used_heap_size;
  new Gauge({
    name: `${prefix}heap_live_bytes`,
    help: 'V8 used heap size right after the last full garbage collection',
    registers: [registry],
    collect() {
      this.set(live);
    },
  });
  const observer = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some((e: PerformanceEntry) => (e as { detail?: GcDetail }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    live = getHeapStatistics().used_heap_size;
    updated?.(live);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
