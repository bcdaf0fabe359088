import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverInterruptedImports } from '@salesready/api/bootstrap';
import { defined } from '@salesready/db/defined';
import { imports, sources } from '@salesready/db/schema/index';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { cookieFor } from '../helpers/import-http';
import { serveTestApp } from '../helpers/serve-test-app';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('imports cut off by a stop, and source names from any path', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  let admin: string;
  let apiToken: string;

  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: admin, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await openTestApp();
    server = await serveTestApp(t);
    admin = await cookieFor(t, 'admin@example.com');
    apiToken = (await (await send('POST', '/api/tokens', { name: 'crm' })).json()).token;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('marks imports still running at start as interrupted, and removes only stopped servers’ upload folders', async () => {
    const [running] = await t.handle.db
      .insert(imports)
      .values({ fileName: 'leads.csv', mapping: {}, read: 5000 })
      .returning({ id: imports.id });
    const [done] = await t.handle.db
      .insert(imports)
      .values({ fileName: 'old.csv', mapping: {}, status: 'completed' })
      .returning({ id: imports.id });
    const folder = mkdtempSync(join(tmpdir(), 'salesready-recover-'));
    // A process that has exited: its id names no running server.
    const deadPid = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const stale = join(folder, `salesready-import-${deadPid}-abc123`);
    const live = join(folder, `salesready-import-${process.pid}-def456`);
    for (const dir of [stale, live]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'upload.csv'), 'id\n1\n');
    }
    const lines: string[] = [];
    const result = await recoverInterruptedImports(t.handle.db, (l) => lines.push(l), folder);
    expect(result).toEqual({
      imports: [defined(running).id],
      folders: [`salesready-import-${deadPid}-abc123`],
    });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(lines).toEqual([
      `Marked 1 import(s) cut off by the last stop as interrupted: ${defined(running).id}.`,
    ]);
    rmSync(folder, { recursive: true, force: true });

    const shown = await (
      await fetch(`${server.url}/api/imports/${defined(running).id}`, { headers: { cookie: admin } })
    ).json();
    expect(shown).toMatchObject({ id: defined(running).id, status: 'interrupted', read: 5000 });
    expect(Date.parse(shown.finishedAt)).not.toBeNaN();
    expect(JSON.stringify(shown)).toContain('the server stopped during this import');
    const untouched = await (
      await fetch(`${server.url}/api/imports/${defined(done).id}`, { headers: { cookie: admin } })
    ).json();
    expect(untouched.status).toBe('completed');
    // A second start finds nothing left to mark.
    expect((await recoverInterruptedImports(t.handle.db, () => {}, folder)).imports).toEqual([]);
  });

  it('strips control and bidirectional characters from source names and collapses whitespace, on every path', async () => {
    const existing = await addSource(t.handle.db, 'LinkedIn Ads', 'marketing');
    const ingest = await fetch(`${server.url}/api/ingest/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        leads: [
          { externalId: 'a', createdAt: '2026-01-05', source: '\u202eLinked\u200bIn \t Ads\r\n' },
          { externalId: 'b', createdAt: '2026-01-05', source: '  Partner\u0007   referral\u2066 ' },
        ],
      }),
    });
    expect(ingest.status).toBe(200);
    const names = (
      await t.handle.db.select({ id: sources.id, name: sources.name, key: sources.key }).from(sources)
    )
      .map((s) => [s.name, s.key])
      .sort();
    expect(names).toEqual([
      ['LinkedIn Ads', 'linkedin ads'],
      ['Partner referral', 'partner referral'],
    ]);

    // Targets matched through the same rule.
    const csv = 'quarter,metric,source,value\n2026-Q1,leads,"Linked\u200bIn\u202e   ads",40\n';
    const targets = await fetch(`${server.url}/api/targets/import`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(targets.status).toBe(200);
    const saved = await (
      await fetch(`${server.url}/api/targets?quarter=2026-Q1`, { headers: { cookie: admin } })
    ).json();
    expect(saved.targets).toEqual([expect.objectContaining({ sourceId: existing, value: 40 })]);

    // And a rename.
    const renamed = await send('PATCH', `/api/sources/${existing}`, {
      name: ' LinkedIn\u202e \u200b  paid\n',
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).source.name).toBe('LinkedIn paid');
    const blank = await send('PATCH', `/api/sources/${existing}`, { name: '\u202e\u200b ' });
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.message).toContain('give a name');
  });
});
