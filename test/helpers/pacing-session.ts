import { defined } from '@salesready/db/defined';
import type { Role } from '@salesready/db/schema/users';
import { addUser } from './factories';
import type { TestApp } from './test-app';

/** Creates a user with a role and signs in; returns the Cookie header to send. */
export async function cookieFor(t: TestApp, role: Role, email = `${role}@example.com`): Promise<string> {
  const password = 'correct horse battery';
  await addUser(t.handle.db, email, password, role);
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return defined(defined(res.headers.get('set-cookie')).split(';')[0]);
}

/** The first instant of the current UTC calendar quarter, and a moment halfway from it to now. */
export function thisQuarter(now = new Date()): { label: string; start: Date; midway: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const label = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  return { label, start, midway: new Date((start.getTime() + now.getTime()) / 2) };
}
