/**
 * The HTTP server around the app. Node refuses a request line plus headers over 16 KB by default, which a GET
 * /api/v1/match of ~1,800 Han characters (9 bytes each, percent-encoded) already passes; mizan allows
 * MAX_HEADER_BYTES, so every query within the documented length fits. The app refuses a larger head like any other
 * error (head-size.ts); the parser, given PARSER_HEADER_BYTES, answers only a head larger still, through the same
 * error body (in English, without CORS: the headers were never parsed, Accept-Language and Origin included).
 */
import http, { type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, MizanError } from '../errors';
import type { Translator } from '../i18n';
import { errorAnswer } from './errors';
import { MAX_HEADER_BYTES, PARSER_HEADER_BYTES } from './head-size';

/** A whole HTTP/1.1 response for a socket that no request object was made for; the connection is closed after it. */
function rawAnswer(error: MizanError, translator: Translator): string {
  const { status, headers, body } = errorAnswer(error, 'en', translator, 0);
  const json = JSON.stringify(body);
  const lines = Object.entries({
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    Connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines.join('')}\r\n${json}`;
}

/** The server's timeouts and connection cap (Config: MIZAN_*_TIMEOUT_MS, MIZAN_MAX_CONNECTIONS). */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** 0: no cap. */
  maxConnections: number;
}

/**
 * The HTTP server. A client that sends its headers or its body too slowly gets 408 and its socket closed
 * (headersTimeout, requestTimeout: a slow body no longer holds a socket for minutes), an idle keep-alive connection is
 * closed after keepAliveTimeout, and connections beyond maxConnections are closed as they arrive.
 */
export function createHttpServer(app: http.RequestListener, translator: Translator, limits: ServerLimits): Server {
  const server = http.createServer(
    {
      maxHeaderSize: PARSER_HEADER_BYTES,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node looks for requests past their timeouts every 30 s by default; look often enough for the timeouts to hold.
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(limits.headersTimeoutMs / 4)),
    },
    app,
  );
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      socket.end(rawAnswer(new MizanError(ErrorCode.HEADERS_TOO_LARGE, { max: MAX_HEADER_BYTES }), translator));
      return;
    }
    // What Node answers without a listener: 408 for headers or a body not received in time, else 400.
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}
