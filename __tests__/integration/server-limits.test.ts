/**
 * The HTTP server's own bounds: a client that sends its headers too slowly gets 408 and its socket closed, and
 * connections beyond the cap are closed at once while the ones already open keep working.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/server';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

async function listen(limits: Partial<TestContext['config']>): Promise<{ server: Server; port: number }> {
  const server = createHttpServer(ctx.app, await createTranslator(), { ...ctx.config, ...limits });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Opens a socket, writes `text`, and resolves with everything received once the server closes it. */
function exchange(port: number, text: string, socket = net.connect(port, '127.0.0.1')): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
    socket.write(text);
  });
}

describe('the HTTP server', () => {
  it('answers 408 and closes the socket of a client whose headers never finish', async () => {
    const { server, port } = await listen({ headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
    try {
      const answer = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      server.close();
    }
  });

  it('answers 408 to a client whose body never finishes', async () => {
    const { server, port } = await listen({ headersTimeoutMs: 1000, requestTimeoutMs: 1500 });
    try {
      const head = 'POST /api/v1/match/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
      const answer = await exchange(port, `${head}Content-Length: 1000\r\n\r\n{"queries":`);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      server.close();
    }
  });

  it('closes connections beyond MIZAN_MAX_CONNECTIONS while the open one keeps being served', async () => {
    const { server, port } = await listen({ maxConnections: 1 });
    const first = net.connect(port, '127.0.0.1');
    try {
      await new Promise((resolve) => first.once('connect', resolve));
      const firstAnswer = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(chunk.toString())));
      first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await firstAnswer).toMatch(/^HTTP\/1\.1 200 /);
      const second = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(second).toBe(''); // closed without an answer
      const again = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(chunk.toString())));
      first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await again).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      first.destroy();
      server.close();
    }
  });
});
