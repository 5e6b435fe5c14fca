/**
 * The HTTP server around the app. Node refuses a request line plus headers over 16 KB by default, which a GET
 * /api/v1/match of ~1,800 Han characters (9 bytes each, percent-encoded) already passes; mizan allows
 * MAX_HEADER_BYTES, so every query within the documented length fits, and answers anything larger with the same
 * JSON error shape as every other failure (English: the headers were never parsed, Accept-Language included).
 */
import http, { type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { ErrorCode } from '../errors';
import type { Translator } from '../i18n';

export const MAX_HEADER_BYTES = 64 * 1024;

export function createHttpServer(app: Express, translator: Translator): Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      const message = translator.t(`errors.${ErrorCode.HEADERS_TOO_LARGE}`, 'en', { max: MAX_HEADER_BYTES });
      const body = JSON.stringify({ error: { code: ErrorCode.HEADERS_TOO_LARGE, message } });
      socket.end(
        `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); // what Node answers without a listener
  });
  return server;
}
