const localHosts = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Demo data must never land in a real database by accident: only the embedded database
 * (no URL or `file:`) and servers on this machine are accepted, unless forced.
 */
export function assertLocalDatabase(url: string | undefined, force: boolean): void {
  if (force || url === undefined || url === '' || url.startsWith('file:')) return;
  let host: string;
  let socketDir: string | null;
  try {
    const parsed = new URL(url);
    host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    socketDir = parsed.searchParams.get('host');
  } catch {
    throw new Error('refusing to seed demo data: DATABASE_URL is not a valid URL (pass --force to override)');
  }
  // `postgres:///db?host=/run/postgresql` is a Unix socket on this machine.
  if (localHosts.has(host) || (host === '' && socketDir?.startsWith('/'))) return;
  // Only the host is named: the URL may carry a password.
  throw new Error(
    `refusing to seed demo data into "${host || 'an unnamed host'}": only the embedded database or a server on ` +
      'localhost is seeded by default. Pass --force to seed it anyway.',
  );
}
