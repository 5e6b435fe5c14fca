/**
 * HTTP/1.1 requests written byte for byte on a socket, for `npm run fuzz`: any bytes in the request line, headers
 * and body (invalid UTF-8, control characters, a Content-Length that lies), sent at once or slowly. One request per
 * connection (`Connection: close`); the answer's status and its first 4 KB are kept.
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target as sent (percent-encoded or not: nothing is checked). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sends the body in this many pieces, `pauseMs` apart. */
  slow?: { pieces: number; pauseMs: number };
  /** Sends only this many bytes of the body, then waits `graceMs` for an answer and closes (a truncated body). */
  truncateAt?: number;
}

export interface RawAnswer {
  /** null: no answer (connection refused or reset, or the client gave up). */
  status: number | null;
  ms: number;
  head: string;
  error?: string;
}

const KEEP = 4096;

export function sendRaw(port: number, req: RawRequest, timeoutMs: number, graceMs = 2000): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const head = received.subarray(0, KEEP).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      const answer: RawAnswer = { status: m ? Number(m[1]) : null, ms: Math.round(performance.now() - started), head };
      if (!m && error) answer.error = error;
      resolve(answer);
    };
    const timer = setTimeout(() => finish('timeout'), req.truncateAt !== undefined ? graceMs : timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      if (received.length < KEEP) received = Buffer.concat([received, chunk]);
    });
    socket.on('end', () => finish());
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
    socket.on('connect', () => void write(socket, req).catch((err: Error) => finish(err.message)));
  });
}

async function write(socket: net.Socket, req: RawRequest): Promise<void> {
  const body = req.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = { Host: '127.0.0.1', Connection: 'close', ...req.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length') && req.body !== undefined)
    headers['Content-Length'] = String(body.length);
  const head = `${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  socket.write(Buffer.from(head, 'latin1'));
  const sent = req.truncateAt !== undefined ? body.subarray(0, req.truncateAt) : body;
  if (!req.slow) {
    if (sent.length > 0) socket.write(sent);
    return;
  }
  const step = Math.max(1, Math.ceil(sent.length / req.slow.pieces));
  for (let at = 0; at < sent.length && !socket.destroyed; at += step) {
    socket.write(sent.subarray(at, at + step));
    await new Promise((r) => setTimeout(r, req.slow!.pauseMs));
  }
}
