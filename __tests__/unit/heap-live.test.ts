import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { heapLiveGauge } from '../../src/http/heap-live';

// A full collection on demand, without starting jest with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function liveAfterFullGc(registry: Registry): Promise<number> {
  // The gauge hears of the collection asynchronously: wait until an observer made after it has heard too.
  await new Promise<void>((resolve) => {
    const observer = new PerformanceObserver((list) => {
      const major = list
        .getEntries()
        .some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
      if (!major) return;
      observer.disconnect();
      setImmediate(resolve);
    });
    observer.observe({ entryTypes: ['gc'] });
    gc();
  });
  const metric = await registry.getSingleMetric('t_heap_live_bytes')!.get();
  return metric.values[0]!.value;
}

describe('the live heap gauge', () => {
  it('When 64 MB stay reachable across a full collection, Then the gauge rises by them and falls once released', async () => {
    const registry = new Registry();
    const stop = heapLiveGauge(registry, 't_');
    try {
      const base = await liveAfterFullGc(registry);
      let kept: number[][] | undefined = Array.from({ length: 64 }, () => new Array<number>(131_072).fill(1.5));
      const held = await liveAfterFullGc(registry);
      expect(kept.length).toBe(64);
      expect(held - base).toBeGreaterThan(48 * 1024 * 1024);
      kept = undefined;
      const released = await liveAfterFullGc(registry);
      expect(held - released).toBeGreaterThan(48 * 1024 * 1024);
    } finally {
      stop();
    }
  });
});
