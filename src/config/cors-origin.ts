/** The origins of MIZAN_CORS_ORIGINS, read for loadConfig (config.ts). */

/**
 * A CORS origin as a browser sends it in `Origin` (`new URL(…).origin`: scheme and host in lower case, the scheme's
 * default port dropped, no trailing slash), or why it is not an origin: `https://host:443` is `https://host`, which
 * the browser sends; a path, a query or a user name would make it match nothing.
 */
export function corsOrigin(text: string): string | { problem: string } {
  if (text === '*') return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'is not http or https' };
  if (url.username || url.password) return { problem: 'has a user name or password' };
  if (url.search || url.hash || /[?#]/.test(text)) return { problem: 'has a query or fragment' };
  if (url.pathname !== '/') return { problem: `has a path (${url.pathname})` };
  return url.origin;
}
