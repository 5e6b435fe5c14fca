/** Values as error params quote them. */

/** Most nesting `preview` shows: anything deeper is written `…`. */
const PREVIEW_DEPTH = 8;

/**
 * A value as an error message may quote it: strings as they are, anything else as JSON, at most `max` characters.
 * Never throws and never recurses deeper than PREVIEW_DEPTH, whatever a client sent (JSON nested 10,000 deep would
 * overflow JSON.stringify's stack; an object with a `toString` key cannot be turned into a string by String()).
 */
export function preview(value: unknown, max = 100): string {
  if (typeof value === 'string') return value.slice(0, max);
  let out = '';
  const put = (text: string) => {
    out += text;
  };
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= max) return;
    if (typeof v === 'string') return put(JSON.stringify(v.slice(0, max)));
    if (typeof v === 'number' || typeof v === 'boolean') return put(String(v));
    if (v === null || typeof v !== 'object') return put('null');
    if (depth >= PREVIEW_DEPTH) return put(Array.isArray(v) ? '[…]' : '{…}');
    const entries: [string | undefined, unknown][] = Array.isArray(v)
      ? v.map((item) => [undefined, item])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    put(Array.isArray(v) ? '[' : '{');
    entries.some(([k, item], i) => {
      if (i > 0) put(',');
      if (k !== undefined) put(`${JSON.stringify(k.slice(0, max))}:`);
      walk(item, depth + 1);
      return out.length >= max;
    });
    put(Array.isArray(v) ? ']' : '}');
  };
  walk(value ?? null, 0);
  return out.slice(0, max);
}
