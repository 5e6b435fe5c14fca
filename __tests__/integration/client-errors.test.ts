/**
 * What Node's HTTP parser refuses before any request object exists, answered by the server (http/client-error.ts)
 * through raw sockets against a real listening server: a head over the parser's limit is a 431 with the JSON error
 * body and the code the app gives a head over 64 KB, in the language of an Accept-Language found in the bytes
 * received, with CORS for an allowed Origin; a malformed request is a 400 MALFORMED_REQUEST, a request not received in
 * time a 408 REQUEST_TIMEOUT; the connection is closed after each.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/server';
import { createTranslator, errorMessage } from '../../src/i18n';
import { ErrorCode, MizanError } from '../../src/errors';
import { MAX_HEADER_BYTES } from '../../src/http/head-size';
import { createTestContext, type TestContext } from '../helpers/context';

const ORIGIN = 'https://cat.example.org';
let ctx: TestContext;
let server: Server;
let port: number;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  const limits = { ...ctx.config, corsOrigins: [ORIGIN], headersTimeoutMs: 1000, requestTimeoutMs: 1000 };
  server = createHttpServer(ctx.app, await createTranslator(), limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The JSON body of a lone answer (null when the bytes hold more than one). */
  body: { error: { code: string; message: string } };
  raw: string;
}

/** Writes each part (waiting `pauseMs` between them), and reads everything until the server closes the socket. */
function exchange(parts: string[], pauseMs = 0): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // the server may close while the rest of a long head is being sent
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', text = ''] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      let body: RawAnswer['body'] | null = null;
      try {
        body = JSON.parse(text) as RawAnswer['body'];
      } catch {
        // not one JSON answer: the test reads `raw`
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body!, raw });
    });
    void (async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    })();
  });
}

/** `n` header lines of about 1 KB each. */
function padding(n: number, name = 'X-Pad'): string {
  return Array.from({ length: n }, (_, i) => `${name}-${i}: ${'a'.repeat(1000)}\r\n`).join('');
}

async function message(code: ErrorCode, lang: 'ar' | 'en' | 'zh', params = {}): Promise<string> {
  return errorMessage(await createTranslator(), new MizanError(code, params), lang, { retryAfter: 5 });
}

function expectJsonAnswer(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(answer.body)));
  expect(answer.headers.connection).toBe('close');
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.body.error.code).toBe(code);
}

describe('a request head over what the parser takes (200 KB)', () => {
  it('is a 431 with the JSON error and HEADERS_TOO_LARGE, in English without Accept-Language', async () => {
    const answer = await exchange([`GET /api/v1/tms HTTP/1.1\r\nHost: x\r\n${padding(200)}\r\n`]);
    expectJsonAnswer(answer, 431, 'HEADERS_TOO_LARGE');
    expect(answer.headers['content-language']).toBe('en');
    expect(answer.body.error.message).toBe(await message('HEADERS_TOO_LARGE', 'en', { max: MAX_HEADER_BYTES }));
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is in Arabic, with CORS, when Accept-Language: ar and an allowed Origin come early in the head', async () => {
    const head = `GET /api/v1/tms HTTP/1.1\r\nHost: x\r\nAccept-Language: ar\r\nOrigin: ${ORIGIN}\r\n`;
    const answer = await exchange([`${head}${padding(200)}\r\n`]);
    expectJsonAnswer(answer, 431, 'HEADERS_TOO_LARGE');
    expect(answer.headers['content-language']).toBe('ar');
    expect(answer.body.error.message).toBe(await message('HEADERS_TOO_LARGE', 'ar', { max: MAX_HEADER_BYTES }));
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(answer.headers.vary).toBe('Origin, Accept-Language');
  });

  it('is in Chinese when Accept-Language: zh arrives with the bytes that pass the limit', async () => {
    const first = `GET /api/v1/tms HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n`;
    const answer = await exchange([first, `Accept-Language: zh\r\nX-More: ${'c'.repeat(60_000)}\r\n\r\n`], 100);
    expectJsonAnswer(answer, 431, 'HEADERS_TOO_LARGE');
    expect(answer.headers['content-language']).toBe('zh');
    expect(answer.body.error.message).toBe(await message('HEADERS_TOO_LARGE', 'zh', { max: MAX_HEADER_BYTES }));
  });

  it('gets no CORS headers for an origin not allowed', async () => {
    const head = `GET /api/v1/tms HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n`;
    const answer = await exchange([`${head}${padding(200)}\r\n`]);
    expectJsonAnswer(answer, 431, 'HEADERS_TOO_LARGE');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a request the parser cannot read', () => {
  it('is a 400 MALFORMED_REQUEST with the JSON error (a request line that is not HTTP)', async () => {
    const answer = await exchange(['GARBAGE\r\n\r\n']);
    expectJsonAnswer(answer, 400, 'MALFORMED_REQUEST');
    expect(answer.body.error.message).toBe(await message('MALFORMED_REQUEST', 'en'));
  });

  it('is localized from the bytes received (a header line without a colon)', async () => {
    const answer = await exchange(['GET /healthz HTTP/1.1\r\nAccept-Language: ar\r\nHost x\r\n\r\n']);
    expectJsonAnswer(answer, 400, 'MALFORMED_REQUEST');
    expect(answer.headers['content-language']).toBe('ar');
    expect(answer.body.error.message).toBe(await message('MALFORMED_REQUEST', 'ar'));
  });

  it('is answered after the good requests before it on the same connection', async () => {
    const good = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const answer = await exchange([good, 'NOT HTTP AT ALL\r\n\r\n'], 100);
    expect(answer.raw).toMatch(/^HTTP\/1\.1 200 /);
    const second = answer.raw.slice(answer.raw.indexOf('HTTP/1.1 400 '));
    expect(second).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(second).toContain('"code":"MALFORMED_REQUEST"');
  });
});

describe('a request not received in time', () => {
  it('is a 408 REQUEST_TIMEOUT with the JSON error (in English: Node keeps no bytes of it)', async () => {
    const answer = await exchange(['GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ']);
    expectJsonAnswer(answer, 408, 'REQUEST_TIMEOUT');
    expect(answer.body.error.message).toBe(await message('REQUEST_TIMEOUT', 'en'));
  });
});
