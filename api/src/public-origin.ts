/** The names a browser on this machine uses for it; any port. */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a listen address or a host name (without port) is this machine's loopback. */
export function isLoopbackName(name: string): boolean {
  return loopbackNames.has(name.toLowerCase());
}

/** The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`), lower-cased. */
export function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':')[0] ?? '';
}

/**
 * The origin users reach the app at (`PUBLIC_URL`), normalised to scheme, host and port; or null
 * when unset, in which case the app answers loopback names only (docs/decisions/0016).
 */
export function publicOrigin(url: string | undefined): URL | null {
  return url ? new URL(new URL(url).origin) : null;
}
