/** Audit entries Redis did not take wait, in order, and are written when it answers (service/audit-queue.ts). */
import type { Logger } from '../../src/config';
import { AuditQueue } from '../../src/service';
import type { AuditFields } from '../../src/store';

const entry = (n: number): AuditFields => ({
  time: `2026-12-04T20:00:0${n}.000Z`,
  key: 'k1',
  method: 'POST',
  path: '/api/v1/units',
  tm: 'main',
  target: `/api/v1/units/u${n}`,
  status: '201',
  ip: '127.0.0.1',
});

/** A store that refuses writes while `down`, a logger that keeps its lines, and timers run by hand. */
function rig(limit?: number) {
  const written: string[] = [];
  const lines: string[] = [];
  const timers: (() => void)[] = [];
  const state = { down: false };
  const write = async (fields: AuditFields) => {
    if (state.down) throw new Error('Redis unavailable');
    written.push(fields.target ?? '');
  };
  const logger: Logger = {
    debug() {},
    info: (m: string) => void lines.push(`info ${m}`),
    warn: (m: string) => void lines.push(`warn ${m}`),
    error: (m: string) => void lines.push(`error ${m}`),
  };
  const queue = new AuditQueue(write, logger, { limit, schedule: (fn) => void timers.push(fn) });
  const tick = async () => {
    for (const fn of timers.splice(0)) fn();
    await queue.flush(); // the flush a timer started, awaited
  };
  return { queue, written, lines, timers, state, tick };
}

describe('audit entries during a Redis outage', () => {
  it('writes an entry at once while Redis answers, logging nothing', async () => {
    const { queue, written, lines } = rig();
    await queue.record(entry(1));
    expect(written).toEqual(['/api/v1/units/u1']);
    expect(lines).toEqual([]);
  });

  it('keeps the entries Redis refuses, in order, and writes them when it answers, with one line each way', async () => {
    const { queue, written, lines, timers, state, tick } = rig();
    state.down = true;
    for (const n of [1, 2, 3]) await queue.record(entry(n));
    expect(queue.size).toBe(3);
    expect(timers).toHaveLength(1); // one retry scheduled, not one per entry
    await tick(); // still down: tried again later
    expect(queue.size).toBe(3);
    state.down = false;
    await queue.record(entry(4)); // behind the waiting ones, not before them
    expect(written).toEqual([]);
    await tick();
    expect(written).toEqual([1, 2, 3, 4].map((n) => `/api/v1/units/u${n}`));
    expect(queue.size).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warn audit: Redis did not take an entry \(Redis unavailable\); entries wait/);
    expect(lines[1]).toBe('info audit: 4 entries kept while Redis was away now written');
  });

  it('drops the oldest past the limit, and says how many', async () => {
    const { queue, written, lines, state, tick } = rig(2);
    state.down = true;
    for (const n of [1, 2, 3, 4, 5]) await queue.record(entry(n));
    expect(queue.size).toBe(2);
    state.down = false;
    await tick();
    expect(written).toEqual(['/api/v1/units/u4', '/api/v1/units/u5']);
    expect(lines[1]).toBe(
      'warn audit: 2 entries kept while Redis was away now written; 3 dropped, over the limit of 2',
    );
  });
});
