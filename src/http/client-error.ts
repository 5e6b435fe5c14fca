/**
 * What Node's HTTP parser refuses before any request object exists (the server's `clientError`): a request line and
 * headers over its `maxHeaderSize` (PARSER_HEADER_BYTES), a request it cannot read, one not received in time. Each is
 * answered like any other error — the JSON body with its stable code (HEADERS_TOO_LARGE, as head-size.ts answers a
 * smaller head over the limit; MALFORMED_REQUEST; REQUEST_TIMEOUT), an X-Request-Id, and the connection closed — but
 * written on the socket by hand, with what can be read of the head from the bytes Node kept of it: the last packet
 * received (`err.rawPacket`) and the header lines the parser had already handed up (Node passes them in groups of 32
 * while a long head arrives). An Accept-Language or Origin found there gives the message's language and, for an
 * allowed origin, the CORS headers; otherwise the answer is in English without CORS (a head of a few huge lines after
 * Accept-Language, a 200 KB URL before its headers arrive, a timeout: Node keeps nothing of those).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { RateLimitedWarnings, type Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { FALLBACK_LANG, type Translator } from '../i18n';
import { allowOrigin, EXPOSED_HEADERS } from './cors';
import { errorAnswer } from './errors';
import { MAX_HEADER_BYTES } from './head-size';
import { languageFromHeader } from './language';

/** A parser error as Node reports it: `code` (HPE_…, ERR_HTTP_REQUEST_TIMEOUT) and, for parse errors, the packet. */
export type ClientError = NodeJS.ErrnoException & { rawPacket?: Buffer };

/** The header pairs (`[name, value, …]`) Node's parser handed up for the request being read: an internal, or none. */
function flushedPairs(socket: Duplex): string[] {
  const pairs = (socket as Duplex & { parser?: { _headers?: unknown } }).parser?._headers;
  return Array.isArray(pairs) ? pairs.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * The value of header `name` in what was kept of the head: among the pairs handed up, else the last whole line of it
 * in the packet (the one nearest the failure: a packet can also hold the end of an earlier request).
 */
export function keptHeader(name: string, pairs: readonly string[], packet: Buffer | undefined): string | undefined {
  for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i]!.toLowerCase() === name) return pairs[i + 1];
  if (!packet) return undefined;
  // A packet may begin with a line (it does when the client wrote the head in parts): taken as one. A packet beginning
  // inside another header's value could pass for a line of its own, which at worst picks the message's language or
  // names an origin that MIZAN_CORS_ORIGINS allows anyway.
  const lines = new RegExp(`(?:^|\\n)${name}[ \\t]*:[ \\t]*([^\\r\\n]{0,1000})\\r?\\n`, 'gi');
  let value: string | undefined;
  for (const m of packet.toString('latin1').matchAll(lines)) value = m[1]!.trim();
  return value;
}

function errorOf(err: ClientError): MizanError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return new MizanError(ErrorCode.HEADERS_TOO_LARGE, { max: MAX_HEADER_BYTES });
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new MizanError(ErrorCode.REQUEST_TIMEOUT);
  return new MizanError(ErrorCode.MALFORMED_REQUEST);
}

/** The whole HTTP/1.1 response for `error`, in `lang`, with `extra` headers; the connection is closed after it. */
function rawAnswer(error: MizanError, translator: Translator, lang: string, extra: Record<string, string>): string {
  const { status, headers, body } = errorAnswer(error, languageFromHeader(lang), translator, 0);
  const json = JSON.stringify(body);
  const lines = Object.entries({
    ...headers,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    Connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines.join('')}\r\n${json}`;
}

/** The server's `clientError` listener. */
export function clientErrorListener(
  translator: Translator,
  corsOrigins: readonly string[],
  logger?: Logger,
): (err: ClientError, socket: Duplex) => void {
  const allow = allowOrigin(corsOrigins);
  const warnings = logger && new RateLimitedWarnings(logger);
  return (err, socket) => {
    // A response already under way on this connection cannot be followed by another: the socket is closed, as Node
    // does.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight) {
      socket.destroy();
      return;
    }
    const pairs = flushedPairs(socket);
    const origin = keptHeader('origin', pairs, err.rawPacket);
    const allowed = origin === undefined ? undefined : allow(origin);
    const requestId = randomUUID();
    const error = errorOf(err);
    const extra: Record<string, string> = { 'X-Request-Id': requestId, Vary: 'Origin, Accept-Language' };
    if (allowed) {
      extra['Access-Control-Allow-Origin'] = allowed;
      extra['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
    }
    const lang = keptHeader('accept-language', pairs, err.rawPacket) ?? FALLBACK_LANG;
    socket.end(rawAnswer(error, translator, lang, extra));
    warnings?.warn('client-error', `request refused by the HTTP parser: ${error.status} ${error.code}`, {
      reqId: requestId,
      parser: String(err.code ?? '').slice(0, 40),
    });
  };
}
