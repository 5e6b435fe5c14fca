/**
 * The public API as the page uses it: the session's key (if any) as a bearer token, the UI language as
 * Accept-Language (so error messages come back in it), and every failure as an ApiError with the API's stable code.
 */
import { keyOf } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let language = 'en';
export const setApiLanguage = (lang: string): void => void (language = lang);

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { 'Accept-Language': language, ...extra };
  const key = keyOf();
  if (key) out.Authorization = `Bearer ${key}`;
  return out;
}

/** The API's error object from a failed response, or a generic one when the body is not an API error. */
export async function errorOf(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After')) || undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) return new ApiError(res.status, body.error.code, body.error.message ?? '', retry);
  } catch {
    // not JSON: a proxy's page, a cut connection
  }
  return new ApiError(res.status, `HTTP_${res.status}`, res.statusText, retry);
}

export interface Answer<T> {
  status: number;
  body: T;
  etag: string | null;
}

export async function call<T>(
  method: string,
  path: string,
  options: { body?: unknown; raw?: BodyInit; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const extra: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.type) extra['Content-Type'] = options.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    extra['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    // no-store: a document is always read as it is now (corrections go against its latest revision).
    res = await fetch(path, { method, headers: headers(extra), body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) throw await errorOf(res);
  const text = res.status === 204 ? '' : await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, etag: res.headers.get('ETag') };
}

export const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).body;

/** A query string from defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Uploads a file with progress (fetch has no upload progress): resolves with the status and the parsed body. */
export function upload<T>(
  path: string,
  file: Blob,
  type: string,
  progress: (sent: number) => void,
): Promise<Answer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers({ Accept: 'application/json', 'Content-Type': type })))
      xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      if (xhr.status >= 400) {
        const retry = Number(xhr.getResponseHeader('Retry-After')) || undefined;
        const code = error?.code ?? `HTTP_${xhr.status}`;
        reject(new ApiError(xhr.status, code, error?.message ?? xhr.statusText, retry));
      } else resolve({ status: xhr.status, body: parsed as T, etag: xhr.getResponseHeader('ETag') });
    };
    xhr.send(file);
  });
}
