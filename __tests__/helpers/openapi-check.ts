/**
 * Every response an integration test receives is checked against the OpenAPI description (/openapi.json): the path
 * and method are described, the status is one the operation declares, the headers a client acts on (Location,
 * Content-Disposition) are declared on it, the media type is one it declares, and a JSON body validates against its
 * schema (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). Violations are collected and
 * reported when the test context closes, so a route whose answer drifts from its description fails its tests.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/http/openapi/document';

type Responses = Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
/** Headers a client acts on (follows, names a file by): an answer that carries one must declare it. */
const DECLARED_HEADERS = ['Location', 'Content-Disposition'];
interface Route {
  template: string;
  pattern: RegExp;
  methods: Record<string, { responses: Responses }>;
}

const DOC_ID = 'mizan-openapi';
const doc = openApiDocument('test') as { paths: Record<string, Record<string, { responses: Responses }>> };
const routes: Route[] = Object.entries(doc.paths).map(([template, methods]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  methods,
}));

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(pointer: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema({ ...doc, $id: DOC_ID });
  }
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The problems of one response, as sentences ([] when it agrees with the description). */
export function checkResponse(
  method: string,
  url: string,
  status: number,
  type: string,
  body: Buffer,
  headers: Record<string, unknown> = {},
): string[] {
  const path = url.split('?')[0]!;
  const route = routes.find((r) => r.pattern.test(path));
  const where = `${method} ${path} → ${status}`;
  const code = (() => {
    try {
      return (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code;
    } catch {
      return undefined;
    }
  })();
  // Paths no route knows, and known paths asked with another method, answer the generic errors, or the access
  // layer's, which answers before routing (a write anywhere needs a key), and a head too large, refused before that.
  const early = ['UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'HEADERS_TOO_LARGE'].includes(code ?? '');
  if (!route)
    return code === 'ROUTE_NOT_FOUND' || code === 'INVALID_PARAMETER' || early ? [] : [`${where}: path not described`];
  const m = method === 'HEAD' ? 'get' : method.toLowerCase();
  const operation = route.methods[m];
  if (!operation) return code === 'METHOD_NOT_ALLOWED' || early ? [] : [`${where}: method not described`];
  const response = operation.responses[String(status)];
  if (!response) return [`${where}: status not described for ${route.template}`];
  const declared = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
  const undeclared = DECLARED_HEADERS.filter((h) => headers[h.toLowerCase()] !== undefined)
    .filter((h) => !declared.includes(h.toLowerCase()))
    .map((h) => `${where}: header ${h} not described for ${route.template}`);
  if (undeclared.length > 0) return undeclared;
  if (status === 204 || method === 'HEAD' || status === 304) return [];
  const media = type.split(';')[0]!.trim().toLowerCase();
  const content = response.content ?? {};
  if (!(media in content)) return [`${where}: media type ${media || '(none)'} not described`];
  if (media !== 'application/json') return [];
  const pointer = `/paths/${escape(route.template)}/${m}/responses/${status}/content/${escape(media)}/schema`;
  const validate = validatorFor(pointer);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return [`${where}: body is not JSON`];
  }
  if (validate(value)) return [];
  return [`${where}: ${ajv!.errorsText(validate.errors, { separator: '; ' })}`];
}

/** The app as a request listener that records every response's problems into `violations`. */
export function checkedApp(app: RequestListener, violations: string[]): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    res.on('finish', () => {
      const type = String(res.getHeader('content-type') ?? '');
      const headers = res.getHeaders() as Record<string, unknown>;
      violations.push(...checkResponse(method, url, res.statusCode, type, Buffer.concat(chunks), headers));
    });
    app(req, res);
  };
}
