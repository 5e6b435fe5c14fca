/**
 * Redis addresses in the configuration (REDIS_URL, REDIS_CLUSTER_NODES): what is accepted, and how messages and logs
 * show them. A Redis URL carries its password (`redis://:pw@host`, `redis://user:pw@host`, or ioredis's
 * `?password=`): shown with `***` in its place, malformed URLs too, read as text rather than parsed, so that the
 * operator still sees what was written wrong. A cluster's credentials, read from its entries, are shown the same way
 * (shownNodes). Secret variables (MIZAN_ADMIN_KEY, MIZAN_METRICS_TOKEN) are never quoted at all (EnvReader.secret,
 * checkMetrics).
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

/** The credentials a Redis Cluster asks of every connection (Redis 6+ ACL user, or `requirepass` alone). */
export interface RedisAuth {
  username?: string;
  password: string;
}

/** REDIS_CLUSTER_NODES as read: the nodes as `host:port`, and the credentials its entries give, if any. */
export interface ClusterNodes {
  nodes: string[];
  auth?: RedisAuth;
}

const HOST_PORT = /^[A-Za-z0-9.:[\]-]+:\d{1,5}$/;
const NODE_RULE = 'must be host:port or redis://[user:password@]host:port entries separated by commas';

/**
 * REDIS_CLUSTER_NODES: entries separated by commas, each `host:port` or, to give credentials as REDIS_URL does, a
 * Redis URL `redis://:password@host:port` or `redis://user:password@host:port` (percent-encoded as in any URL; the port
 * 6379 when left out; no database, no query). The nodes of a cluster share their credentials, and the ones given are
 * used for every node, those discovered too: one entry may carry them for all, and entries that carry them must agree.
 * A refused list is `{ problem }`, worded to follow the variable's name and never quoting a password.
 */
export function readNodeList(text: string): ClusterNodes | { problem: string } {
  const nodes: string[] = [];
  let auth: RedisAuth | undefined;
  for (const entry of text.split(',').map((item) => item.trim())) {
    if (entry === '') continue;
    if (HOST_PORT.test(entry)) {
      nodes.push(entry);
      continue;
    }
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return { problem: NODE_RULE };
    }
    if (url.protocol === 'rediss:')
      return { problem: 'takes no rediss:// entries (TLS to a cluster is not supported)' };
    const path = url.pathname === '' || url.pathname === '/';
    if (url.protocol !== 'redis:' || url.hostname === '' || !path || url.search || url.hash)
      return { problem: NODE_RULE };
    nodes.push(`${url.hostname}:${url.port || 6379}`);
    if (!url.username && !url.password) continue;
    if (!url.password) return { problem: 'gives a user name without a password (redis://user:password@host:port)' };
    const username = decodeURIComponent(url.username);
    const given: RedisAuth = { ...(username && { username }), password: decodeURIComponent(url.password) };
    if (auth && (auth.username !== given.username || auth.password !== given.password))
      return { problem: "gives different credentials in different entries (a cluster's nodes share theirs)" };
    auth = given;
  }
  return auth ? { nodes, auth } : { nodes };
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

/**
 * A cluster's nodes as messages name them: `host:port`, or `redis://user:***@host:port` when credentials are given
 * (every node is asked with them).
 */
export function shownNodes(nodes: readonly string[], auth?: RedisAuth): string {
  const info = auth ? `redis://${encodeURIComponent(auth.username ?? '')}:***@` : '';
  return nodes.map((node) => `${info}${node}`).join(', ');
}

/** A comma-separated list of addresses (REDIS_CLUSTER_NODES), each shown as shownUrl shows one. */
export function shownUrls(text: string): string {
  return text.split(',').map(shownUrl).join(',');
}
