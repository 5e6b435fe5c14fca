/**
 * The HTTP server around the app. Node refuses a request line plus headers over 16 KB by default, which a GET
 * /api/v1/match of ~1,800 Han characters (9 bytes each, percent-encoded) already passes; mizan allows
 * MAX_HEADER_BYTES, so every query within the documented length fits. The app refuses a larger head like any other
 * error (head-size.ts); the parser, given PARSER_HEADER_BYTES, refuses only a head larger still, and that refusal, like
 * every request the parser cannot read or does not receive in time, is answered with the same error body by
 * client-error.ts.
 */
import http, { type Server } from 'node:http';
import type { Logger } from '../config';
import type { Translator } from '../i18n';
import { clientErrorListener } from './client-error';
import { PARSER_HEADER_BYTES } from './head-size';

/** The server's timeouts and connection cap (Config: MIZAN_*_TIMEOUT_MS, MIZAN_MAX_CONNECTIONS). */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** 0: no cap. */
  maxConnections: number;
  /** MIZAN_CORS_ORIGINS, for the answers the server writes itself (client-error.ts). */
  corsOrigins: readonly string[];
}

/**
 * The HTTP server. A client that sends its headers or its body too slowly gets 408 and its socket closed
 * (headersTimeout, requestTimeout: a slow body no longer holds a socket for minutes), an idle keep-alive connection is
 * closed after keepAliveTimeout, and connections beyond maxConnections are closed as they arrive.
 */
export function createHttpServer(
  app: http.RequestListener,
  translator: Translator,
  limits: ServerLimits,
  logger?: Logger,
): Server {
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
  server.on('clientError', clientErrorListener(translator, limits.corsOrigins, logger));
  return server;
}
