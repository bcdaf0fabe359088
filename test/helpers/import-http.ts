import { defined } from '@salesready/db/defined';
import { addUser } from './factories';
import type { TestApp } from './test-app';

/** Signs in a new user with the given role; returns the Cookie header. */
export async function cookieFor(t: TestApp, email: string, role: 'admin' | 'executive' | 'board' = 'admin') {
  const password = 'a long test password';
  await addUser(t.handle.db, email, password, role);
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return defined(defined(res.headers.get('set-cookie')).split(';')[0]);
}

/** A multipart upload as the web app sends it (same origin, so the CSRF check passes). */
export function uploadRequest(
  cookie: string,
  csv: string | Buffer,
  fields: Record<string, string> = {},
  fileName = 'leads.csv',
): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set(
    'file',
    new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)], { type: 'text/csv' }),
    fileName,
  );
  return { method: 'POST', body: form, headers: { cookie, origin: 'http://localhost' } };
}
