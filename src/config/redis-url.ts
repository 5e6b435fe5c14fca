/**
 * Redis addresses in the configuration (REDIS_URL, REDIS_CLUSTER_NODES): what is accepted, and how messages and logs
 * show them. A Redis URL carries its password (`redis://:pw@host`, `redis://user:pw@host`, or ioredis's
 * `?password=`): shown with `***` in its place, malformed URLs too, read as text rather than parsed, so that the
 * operator still sees what was written wrong. Secret variables (MIZAN_ADMIN_KEY, MIZAN_METRICS_TOKEN) are never quoted
 * at all (EnvReader.secret, checkMetrics).
 */

/** redis:// or rediss://, a host, and no path but a database number (ioredis takes the path as the db to SELECT). */
export function isRedisUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return ['redis:', 'rediss:'].includes(url.protocol) && url.hostname !== '' && /^\/?\d*$/.test(url.pathname);
  } catch {
    return false;
  }
}

/** REDIS_CLUSTER_NODES: `host:port` pairs separated by commas. */
export function isNodeList(text: string): boolean {
  return text.split(',').every((node) => node === '' || /^[A-Za-z0-9.:[\]-]+:\d{1,5}$/.test(node));
}

/** `scheme://` (or a mistyped `scheme//`) at the start of a URL. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:?\/\//;
/** Query parameters that hold secrets (ioredis reads any option from the query: password, sentinelPassword…). */
const SECRET_PARAM = /([?&;][A-Za-z_]*(?:pass|secret|token)[A-Za-z_]*=)[^&;#]*/gi;

/**
 * `text` (a URL, well-formed or not) with its password replaced by `***`: the user-info ends at the last `@` (a
 * password may hold `@`, `/` or `?` unencoded; cutting more is safe), its user name is kept before a `:`, and user-info
 * without a `:` (a password written where a user name goes, as often as not) is all `***`.
 */
export function shownUrl(text: string): string {
  const scheme = SCHEME.exec(text)?.[0] ?? '';
  let rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const info = rest.slice(0, at);
    const colon = info.indexOf(':');
    const shown = colon < 0 ? '***' : colon === info.length - 1 ? info : `${info.slice(0, colon)}:***`;
    rest = `${shown}${rest.slice(at)}`;
  }
  return `${scheme}${rest}`.replace(SECRET_PARAM, '$1***');
}

/** A comma-separated list of addresses (REDIS_CLUSTER_NODES), each shown as shownUrl shows one. */
export function shownUrls(text: string): string {
  return text.split(',').map(shownUrl).join(',');
}
