/**
 * The server's stop (src/shutdown.ts): what was opened is closed, the last opened first, then the process exits with
 * code 0, during the start as after it; a start-up step meeting a begun stop opens nothing more.
 */
import { silentLogger } from '../../src/config';
import { Shutdown, StartAbandoned } from '../../src/shutdown';

function shutdownLog() {
  const events: string[] = [];
  const shutdown = new Shutdown(silentLogger, (code) => events.push(`exit ${code}`));
  return { events, shutdown };
}

describe('the shutdown', () => {
  it('closes what was opened, the last first, waiting for each, then exits with code 0', async () => {
    const { events, shutdown } = shutdownLog();
    shutdown.onStop(() => events.push('redis'));
    shutdown.onStop(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      events.push('tm');
    });
    shutdown.onStop((signal) => events.push(`server (${signal})`));
    await shutdown.stop('SIGTERM');
    expect(events).toEqual(['server (SIGTERM)', 'tm', 'redis', 'exit 0']);
  });

  it('goes on closing, and exits 0, when one closer fails', async () => {
    const { events, shutdown } = shutdownLog();
    shutdown.onStop(() => events.push('redis'));
    shutdown.onStop(() => {
      throw new Error('already closed');
    });
    await shutdown.stop('SIGINT');
    expect(events).toEqual(['redis', 'exit 0']);
  });

  it('stops a start under way: check() throws, and what is opened meanwhile is closed too', async () => {
    const { events, shutdown } = shutdownLog();
    expect(() => shutdown.check()).not.toThrow();
    shutdown.onStop(async () => {
      // While the stop waits here, the start opens one more thing (a private Redis that was starting).
      shutdown.onStop(() => events.push('private redis'));
      events.push('redis');
    });
    const stopping = shutdown.stop('SIGTERM');
    expect(shutdown.stopping).toBe(true);
    expect(() => shutdown.check()).toThrow(StartAbandoned);
    await stopping;
    expect(events).toEqual(['redis', 'private redis', 'exit 0']);
  });

  it('ignores a second signal while stopping', async () => {
    const { events, shutdown } = shutdownLog();
    shutdown.onStop(() => events.push('redis'));
    await Promise.all([shutdown.stop('SIGTERM'), shutdown.stop('SIGINT')]);
    expect(events).toEqual(['redis', 'exit 0']);
  });
});
