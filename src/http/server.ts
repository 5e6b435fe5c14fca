/**
 * The HTTP server around the app. Node refuses a request line plus headers over 16 KB by default, which a GET
 * /api/v1/match of ~1,800 Han characters (9 bytes each, percent-encoded) already passes; mizan allows
 * MAX_HEADER_BYTES, so every query within the documented length fits, and answers anything larger through the same
 * error path as every other failure (in English: the headers were never parsed, Accept-Language included).
 */
import http, { type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, MizanError } from '../errors';
import type { Translator } from '../i18n';
import { errorAnswer } from './errors';

export const MAX_HEADER_BYTES = 64 * 1024;

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

export function createHttpServer(app: http.RequestListener, translator: Translator): Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      socket.end(rawAnswer(new MizanError(ErrorCode.HEADERS_TOO_LARGE, { max: MAX_HEADER_BYTES }), translator));
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); // what Node answers without a listener
  });
  return server;
}
