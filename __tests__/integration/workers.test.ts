/**
 * `--workers N`: a node:cluster primary prepares Redis and the seed once, then runs N workers on one port, starts a
 * worker again when one dies, and stops them all on SIGTERM.
 */
import { randomUUID } from 'node:crypto';
import { isAlive } from '../../src/store/redis-owner';
import { Keys } from '../../src/store';
import { deleteByPrefix, testRedis, testRedisUrl } from '../helpers/context';
import { freePort } from '../helpers/redis-server';
import { startServer, waitFor } from '../helpers/server-process';

/** The pids of the workers that said they listen, in order. */
const workerPids = (output: string) => [...output.matchAll(/, worker (\d+)\)/g)].map((m) => Number(m[1]));

describe('npm start -- --workers 2', () => {
  it('serves from two workers on one port, replaces a dead one, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const keys = new Keys(`mizan-test:${randomUUID().slice(0, 8)}:`);
    const env = { PORT: String(port), REDIS_URL: testRedisUrl(), MIZAN_KEY_PREFIX: keys.prefix, LOG_LEVEL: 'info' };
    const run = startServer(env, ['--workers', '2']);
    const redis = await testRedis();
    try {
      expect(await waitFor(() => workerPids(run.output()).length === 2, 60_000)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).ok).toBe(true);
      // The seed was loaded once, by the primary.
      expect(run.output().match(/seed: 1 document\(s\)/g)).toHaveLength(1);

      const [first, second] = workerPids(run.output()) as [number, number];
      process.kill(first, 'SIGKILL');
      expect(await waitFor(() => workerPids(run.output()).length === 3, 60_000)).toBe(true);
      expect(run.output()).toContain(`worker ${first} exited (SIGKILL); starting another`);
      const q = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/match?q=${encodeURIComponent(q)}`);
      expect(((await answer.json()) as { matches: { score: number }[] }).matches[0]!.score).toBe(100);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      const third = workerPids(run.output())[2]!;
      expect(await waitFor(() => !isAlive(second) && !isAlive(third), 10_000)).toBe(true);
    } finally {
      run.child.kill('SIGKILL');
      await deleteByPrefix(redis, keys);
      redis.disconnect();
    }
  }, 120_000);
});
