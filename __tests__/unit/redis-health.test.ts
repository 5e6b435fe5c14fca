import { createLogger } from '../../src/config';
import { StoreUnavailableError } from '../../src/errors';
import { RedisHealth, type Outage } from '../../src/store/health';

/**
 * A health over a pretend Redis the test freezes and resumes (`resume()` answers the PINGs sent meanwhile, as a real
 * one does), with a short deadline; its log lines collected.
 */
function setup() {
  const lines: string[] = [];
  const waiting: (() => void)[] = [];
  const state = {
    up: true,
    resume() {
      this.up = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
  const ping = () => (state.up ? Promise.resolve('PONG') : new Promise<void>((r) => waiting.push(r)));
  const outageOf = (err: unknown): Outage['reason'] | undefined =>
    /ECONNREFUSED/.test((err as Error).message) ? 'redis-unreachable' : undefined;
  const health = new RedisHealth(ping, outageOf, 50, createLogger('info', { write: (l) => lines.push(l) }), 10);
  return { health, lines, state };
}

const never = () => new Promise<string>(() => undefined);
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
};

describe('RedisHealth', () => {
  it('fails an operation Redis does not answer with StoreUnavailableError, and the ones waiting with it', async () => {
    const { health } = setup();
    const results = await Promise.allSettled([health.run(never), health.run(never), health.run(never)]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    expect(health.current?.reason).toBe('redis-timeout');
  });

  it('takes an answer that arrived while this process held its loop past the deadline, and sees no outage', async () => {
    const { health } = setup();
    // From the loop's check phase, so that its next turn starts with the timers (the deadline) and only then polls
    // for I/O, where the answer is: it comes through a MessagePort, delivered as a socket's data would be.
    await new Promise((resolve) => setImmediate(resolve));
    const answer = health.run(
      () =>
        new Promise<string>((resolve) => {
          const { port1, port2 } = new MessageChannel();
          port1.once('message', (m: string) => {
            port1.close();
            resolve(m);
          });
          port2.postMessage('PONG');
        }),
    );
    const until = Date.now() + 100; // the loop held for twice the 50 ms deadline: a long synchronous step
    while (Date.now() < until);
    await expect(answer).resolves.toBe('PONG');
    expect(health.current).toBeUndefined();
  });

  it('refuses new operations unrun during an outage, and runs them once the probe is answered', async () => {
    const { health, state } = setup();
    state.up = false;
    await expect(health.run(never)).rejects.toBeInstanceOf(StoreUnavailableError);
    let ran = 0;
    const op = () => {
      ran++;
      return Promise.resolve('ok');
    };
    await expect(health.run(op)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(ran).toBe(0);
    state.resume();
    await until(() => health.current === undefined);
    await expect(health.run(op)).resolves.toBe('ok');
    expect(ran).toBe(1);
  });

  it('logs an outage once when it starts and once when it ends, however many operations it refuses', async () => {
    const { health, lines, state } = setup();
    state.up = false;
    await Promise.allSettled(Array.from({ length: 20 }, () => health.run(never)));
    await Promise.allSettled(Array.from({ length: 20 }, () => health.run(() => Promise.resolve(1))));
    state.resume();
    await until(() => health.current === undefined);
    expect(lines).toHaveLength(2);
    const [down, up] = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(down).toMatchObject({ level: 'warn' });
    expect(down!.msg).toMatch(/^redis: unavailable \(redis-timeout: no answer from Redis within 50 ms\)/);
    expect(up).toMatchObject({ level: 'info' });
    expect(up!.msg).toMatch(/^redis: available again after [\d.]+ s \(40 operations refused meanwhile\)/);
  });

  it('opens on a failure that means Redis is not there, and passes other errors through untouched', async () => {
    const { health } = setup();
    const bad = new Error('ERR wrong number of arguments');
    await expect(health.run(() => Promise.reject(bad))).rejects.toBe(bad);
    expect(health.current).toBeUndefined();
    await expect(health.run(() => Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(health.current).toMatchObject({ reason: 'redis-unreachable', message: 'connect ECONNREFUSED' });
  });

  it('tells a patient operation it is overdue, once, and still gives it Redis’s answer', async () => {
    const { health } = setup();
    let answer: (v: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (answer = resolve));
    let overdue = 0;
    const result = health.patiently(
      () => health.run(() => slow),
      () => overdue++,
    );
    await until(() => overdue > 0);
    answer('made');
    await expect(result).resolves.toBe('made');
    expect(overdue).toBe(1);
  });
});
