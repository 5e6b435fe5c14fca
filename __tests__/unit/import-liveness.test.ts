/**
 * Which import jobs an instance takes for abandoned (JobLiveness.stale), and a heartbeat that stops once the job has
 * another owner (its writes fenced). The store is a stand-in answering the fenced write as lua/jobWrite would.
 */
import { silentLogger } from '../../src/config';
import { JobLiveness } from '../../src/service/import-liveness';
import type { ImportStore } from '../../src/store';

const SETTINGS = { heartbeatMs: 10, abandonedMs: 30_000, endRetryMs: 1000 };

/** A store whose fenced writes succeed while `owner` is the job's owner; the heartbeats it was sent. */
function ownedBy(owner: { current: number }) {
  const beats: number[] = [];
  const store = {
    writeOwned: (_job: string, writer: number | undefined) => {
      beats.push(writer ?? 0);
      return Promise.resolve(writer === owner.current);
    },
  } as unknown as ImportStore;
  return { store, beats };
}

const ago = (ms: number) => String(Date.now() - ms);

describe('JobLiveness.stale', () => {
  const liveness = new JobLiveness(ownedBy({ current: 1 }).store, silentLogger, SETTINGS);

  it.each([
    ['running', 60_000, true],
    ['committing', 60_000, true],
    ['running', 1000, false],
    ['committing', 1000, false],
    ['queued', 60_000, false],
    ['done', 60_000, false],
    ['failed', 60_000, false],
  ])('a %s job whose heartbeat is %d ms old is stale: %s', (status, age, stale) => {
    expect(liveness.stale('j1', { status, heartbeat: ago(age) })).toBe(stale);
  });

  it('falls back to `updated` for a job with no heartbeat', () => {
    expect(liveness.stale('j1', { status: 'committing', updated: ago(60_000) })).toBe(true);
    expect(liveness.stale('j1', { status: 'committing', updated: ago(10) })).toBe(false);
  });

  it('never takes a job this process beats for stale', () => {
    const own = new JobLiveness(ownedBy({ current: 3 }).store, silentLogger, SETTINGS);
    own.beat('j2', 3);
    expect(own.stale('j2', { status: 'committing', heartbeat: ago(60_000) })).toBe(false);
    expect(own.owner('j2')).toBe(3);
    own.close();
  });
});

describe('JobLiveness.beat', () => {
  it('beats as its owner, and stops once another owns the job', async () => {
    const owner = { current: 1 };
    const { store, beats } = ownedBy(owner);
    const liveness = new JobLiveness(store, silentLogger, SETTINGS);
    liveness.beat('j3', 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(liveness.beating('j3')).toBe(true);
    owner.current = 2; // taken over
    await new Promise((r) => setTimeout(r, 50));
    expect(liveness.beating('j3')).toBe(false);
    expect(liveness.owner('j3')).toBeUndefined();
    const sent = beats.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(beats).toHaveLength(sent);
    expect(new Set(beats)).toEqual(new Set([1]));
    liveness.close();
  });
});
