import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { heapLiveGauge } from '../../src/http/heap-live';

// A full collection on demand, without starting jest with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the live heap gauge', () => {
  it('When 128 MB stay reachable across a full collection, Then the gauge rises by them and falls once released', async () => {
    const registry = new Registry();
    let heard: ((bytes: number) => void) | undefined;
    const stop = heapLiveGauge(registry, 't_', (bytes) => heard?.(bytes));
    const gauge = async () => (await registry.getSingleMetric('t_heap_live_bytes')!.get()).values[0]!.value;
    // Twice, the gauge read after the second: V8 sweeps after a collection concurrently, so the used size right after
    // one that freed much still counts some of it; the second starts once that sweeping is done and frees little.
    const liveAfterFullGc = async () => {
      gc();
      await new Promise<void>((resolve) => {
        heard = () => resolve();
        gc();
      });
      heard = undefined;
      return gauge();
    };
    // Filled and released twice, the figures read on the second round: in a test worker the earlier test files' state
    // may still be freed during the first.
    const fill = () => Array.from({ length: 128 }, () => new Array<number>(131_072).fill(1.5));
    try {
      let kept: number[][] | undefined = fill();
      await liveAfterFullGc();
      kept = undefined;
      const base = await liveAfterFullGc();
      kept = fill();
      const held = await liveAfterFullGc();
      expect(kept.length).toBe(128);
      expect(held - base).toBeGreaterThan(80 * 1024 * 1024);
      kept = undefined;
      const released = await liveAfterFullGc();
      expect(held - released).toBeGreaterThan(80 * 1024 * 1024);
    } finally {
      stop();
    }
  });
});
