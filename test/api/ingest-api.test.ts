import { defined } from '@salesready/db/defined';
import { apiTokens } from '@salesready/db/schema/index';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rows } from '../helpers/import-files';
import { cookieFor } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const post = (body: unknown, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describeOnBackend('API tokens and the ingestion API', () => {
  let t: TestApp;
  let admin: string;
  let token: string;
  let tokenId: number;
  const bearer = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin@example.com', 'admin');
  });
  afterAll(() => t?.close());

  it('creates a token shown once and stores only its hash', async () => {
    const res = await t.app.request('/api/tokens', post({ name: 'CRM sync' }, { cookie: admin }));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: 'CRM sync', scope: 'ingest', revokedAt: null, lastUsedAt: null });
    expect(created.token).toMatch(/^sri_[A-Za-z0-9_-]{40,}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    token = created.token;
    tokenId = created.id;

    const stored = await t.handle.db.select().from(apiTokens);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(defined(stored[0]).tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await (await t.app.request('/api/tokens', { headers: { cookie: admin } })).json();
    expect(list.tokens).toEqual([
      expect.objectContaining({ id: tokenId, name: 'CRM sync', prefix: created.prefix }),
    ]);
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('refuses ingestion without a valid token with 401, and does not take a session instead', async () => {
    const body = { leads: [{ externalId: 'X1', createdAt: '2024-01-01T00:00:00Z' }] };
    for (const headers of [
      {},
      { authorization: 'Bearer sri_wrong' },
      { authorization: `Basic ${token}` },
      { authorization: token },
      { cookie: admin },
    ] as Record<string, string>[]) {
      const res = await t.app.request('/api/ingest/leads', post(body, headers));
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    const [n] = await rows<{ n: number }>(t.handle.db, sql`select count(*)::int as n from leads`);
    expect(defined(n).n).toBe(0);
  });

  it('upserts leads by external id; the same batch twice changes nothing', async () => {
    const batch = {
      leads: [
        {
          externalId: 'A1',
          createdAt: '2024-03-01T10:00:00+01:00',
          source: 'Google',
          budget: true,
          authority: true,
          need: true,
          timeframe: true,
          amount: 1200.5,
          stage: 'opportunity',
          opportunityAt: '2024-03-05T00:00:00Z',
        },
        {
          externalId: 'A2',
          createdAt: '2024-03-02',
          source: ' google ',
          wonAt: '2024-04-01T00:00:00Z',
          amount: 99,
        },
        {
          externalId: 'A3',
          createdAt: '2024-03-03T00:00:00Z',
          originSystem: 'hubspot',
          salesReadyAt: '2024-03-04T00:00:00Z',
        },
      ],
    };
    const first = await t.app.request('/api/ingest/leads', post(batch, bearer()));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0, repeated: [] });
    const second = await t.app.request('/api/ingest/leads', post(batch, bearer()));
    expect(await second.json()).toEqual({ received: 3, inserted: 0, updated: 0, unchanged: 3, repeated: [] });

    const stored = await rows<Record<string, unknown>>(
      t.handle.db,
      sql`select l.external_id as id, l.origin_system as origin, l.created_at::text as created, s.name as source,
            l.status, l.amount::float as amount, l.sales_ready_at::text as ready
          from leads l left join sources s on s.id = l.source_id order by 1`,
    );
    expect(stored).toEqual([
      {
        id: 'A1',
        origin: 'api',
        created: '2024-03-01 09:00:00+00',
        source: 'Google',
        status: 'open',
        amount: 1200.5,
        ready: '2024-03-01 09:00:00+00',
      },
      {
        id: 'A2',
        origin: 'api',
        created: '2024-03-02 00:00:00+00',
        source: 'Google',
        status: 'won',
        amount: 99,
        ready: null,
      },
      {
        id: 'A3',
        origin: 'hubspot',
        created: '2024-03-03 00:00:00+00',
        source: null,
        status: 'open',
        amount: null,
        ready: '2024-03-04 00:00:00+00',
      },
    ]);

    // A stage change: only the fields sent are written.
    const change = await t.app.request(
      '/api/ingest/leads',
      post(
        {
          leads: [
            {
              externalId: 'A1',
              createdAt: '2024-03-01T09:00:00Z',
              stage: 'won',
              wonAt: '2024-05-01T00:00:00Z',
            },
          ],
        },
        bearer(),
      ),
    );
    expect(await change.json()).toMatchObject({ inserted: 0, updated: 1 });
    const [a1] = await rows<Record<string, unknown>>(
      t.handle.db,
      sql`select status, amount::float as amount, bant_score as bant from leads where external_id = 'A1'`,
    );
    expect(a1).toEqual({ status: 'won', amount: 1200.5, bant: 4 });

    const used = await (await t.app.request('/api/tokens', { headers: { cookie: admin } })).json();
    expect(used.tokens[0].lastUsedAt).not.toBeNull();
  });

  it('names the item and field of every validation error', async () => {
    const res = await t.app.request(
      '/api/ingest/leads',
      post(
        {
          leads: [
            { externalId: 'V1', createdAt: '2024-01-01T00:00:00Z' },
            { externalId: 'V2', createdAt: '2024-01-01T00:00:00Z' },
            { externalId: 'V3', createdAt: '2024-01-01T00:00:00Z' },
            { externalId: 'V4', createdAt: 'yesterday', score: 500, stage: 'closed', colour: 'red' },
            { createdAt: '2024-01-01T00:00:00Z' },
          ],
        },
        bearer(),
      ),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'leads.3',
      'leads.3.createdAt',
      'leads.3.score',
      'leads.3.stage',
      'leads.4.externalId',
    ]);
    const tooMany = await t.app.request(
      '/api/ingest/leads',
      post(
        { leads: Array.from({ length: 5001 }, (_, i) => ({ externalId: `T${i}`, createdAt: '2024-01-01' })) },
        bearer(),
      ),
    );
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.details[0].path).toBe('leads');
    const [n] = await rows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from leads where external_id like 'V%' or external_id like 'T%'`,
    );
    expect(defined(n).n).toBe(0);
  });

  it('upserts touches, reports unknown leads, and changes nothing the second time', async () => {
    const batch = {
      touches: [
        {
          externalId: 'T1',
          leadExternalId: 'A1',
          occurredAt: '2024-03-02T12:00:00Z',
          kind: 'webinar',
          channel: 'zoom',
          actor: 'marketing',
        },
        {
          externalId: 'T2',
          leadExternalId: 'A1',
          occurredAt: '2024-03-03T12:00:00Z',
          kind: 'call',
          actor: 'sales',
        },
        {
          externalId: 'T3',
          leadExternalId: 'NOPE',
          occurredAt: '2024-03-03T12:00:00Z',
          kind: 'email',
          actor: 'marketing',
        },
        {
          externalId: 'T4',
          leadExternalId: 'A3',
          originSystem: 'hubspot',
          occurredAt: '2024-03-03T12:00:00Z',
          kind: 'email',
          actor: 'marketing',
        },
      ],
    };
    const first = await (await t.app.request('/api/ingest/touches', post(batch, bearer()))).json();
    expect(first).toEqual({
      received: 4,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      unknownLeads: [{ index: 2, leadExternalId: 'NOPE' }],
    });
    const second = await (await t.app.request('/api/ingest/touches', post(batch, bearer()))).json();
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const [n] = await rows<{ n: number }>(t.handle.db, sql`select count(*)::int as n from touches`);
    expect(defined(n).n).toBe(3);
    const bad = await t.app.request(
      '/api/ingest/touches',
      post(
        {
          touches: [
            {
              externalId: 'T9',
              leadExternalId: 'A1',
              occurredAt: '2024-03-02T12:00:00Z',
              kind: 'call',
              actor: 'robot',
            },
          ],
        },
        bearer(),
      ),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('touches.0.actor');
  });

  it('stops accepting a revoked token', async () => {
    const res = await t.app.request(`/api/tokens/${tokenId}`, {
      method: 'DELETE',
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).revokedAt).not.toBeNull();
    const refused = await t.app.request(
      '/api/ingest/leads',
      post({ leads: [{ externalId: 'R1', createdAt: '2024-01-01T00:00:00Z' }] }, bearer()),
    );
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.message).toBe('the API token is unknown or revoked');
    const missing = await t.app.request('/api/tokens/9999', {
      method: 'DELETE',
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    expect(missing.status).toBe(404);
  });
});
