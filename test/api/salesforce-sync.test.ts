import { createHash } from 'node:crypto';
import { type SalesforceCredentials, salesforceClient } from '@salesready/api/connectors/salesforce/client';
import { requestToken } from '@salesready/api/connectors/salesforce/oauth';
import {
  leadQuery,
  runSalesforceSync,
  type SalesforceSyncState,
  startSync,
} from '@salesready/api/connectors/salesforce/sync';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieFor, uploadRequest } from '../helpers/import-http';
import { newOrg, type SalesforceOrg } from '../helpers/salesforce-org';
import {
  convertedWithoutOpportunity,
  history,
  laterRoles,
  leads,
  mapping,
  members,
} from '../helpers/salesforce-records';
import { startSalesforceServer } from '../helpers/salesforce-server';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const leadRows = (db: Database) =>
  selectRows<Record<string, unknown>>(
    db,
    sql`select l.external_id as id, s.name as source, l.company, l.country, l.owner, l.status, l.stage,
               l.created_at, l.mql_at, l.crm_sales_ready_at, l.opportunity_at, l.won_at, l.lost_at,
               l.amount::float8 as amount
        from leads l left join sources s on s.id = l.source_id
        where l.origin_system = 'salesforce' order by l.external_id`,
  );
const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());

describeOnBackend('the Salesforce sync, against a local server in Salesforce’s documented shapes', () => {
  let t: TestApp;
  let org: SalesforceOrg;
  let server: Awaited<ReturnType<typeof startSalesforceServer>>;
  const sleeps: number[] = [];
  const kept: SalesforceCredentials[] = [];
  let credentials: SalesforceCredentials;

  beforeAll(async () => {
    t = await openTestApp();
    org = newOrg({ leads: leads(), history, members: members(), pageSize: 2 });
    server = await startSalesforceServer(org);
    // The web-server flow's tokens: a code the browser brought back, exchanged with its PKCE verifier.
    const verifier = 'a-pkce-verifier-of-enough-length-0123456789';
    org.codes.set('aPrx-code', {
      challenge: createHash('sha256').update(verifier).digest('base64url'),
      redirectUri: 'http://localhost/api/connectors/salesforce/callback',
    });
    const tokens = await requestToken(
      { loginUrl: server.url, clientId: org.clientId, clientSecret: org.clientSecret },
      {
        grant: 'authorization_code',
        code: 'aPrx-code',
        redirectUri: 'http://localhost/api/connectors/salesforce/callback',
        codeVerifier: verifier,
      },
    );
    credentials = {
      loginUrl: server.url,
      clientId: org.clientId,
      clientSecret: org.clientSecret,
      flow: 'web_server',
      ...tokens,
    };
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const client = (with_ = credentials) =>
    salesforceClient({
      credentials: with_,
      onTokens: (fresh) => {
        kept.push(fresh);
      },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      backoffMs: () => 7,
    });

  it('follows nextRecordsUrl across pages, waits out a 429, renews an expired session once, and maps leads, stages, the won opportunity and campaign members', async () => {
    org.throttle = { status: 429, times: 1 };
    const saved: string[] = [];
    const { state, tally } = await runSalesforceSync(t.handle.db, client(), startSync(null), {
      budgetMs: 60_000,
      mapping,
      onSlice: (s) => {
        saved.push(`${s.phase}:${s.next ? 'next' : ''}`);
        // The session times out after the first page: the next request is refused and renewed.
        if (saved.length === 1) server.expireSessions();
      },
    });
    expect(state.phase).toBe('done');
    expect(saved).toEqual(['leads:next', 'leads:next', 'members:', 'members:next', 'done:']);
    expect(sleeps).toEqual([7]);
    // Renewed with the refresh token, once, and the new token handed over to be kept.
    const grants = server.seen.filter((s) => s.form).map((s) => defined(s.form).grant_type);
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
    expect(kept).toHaveLength(1);
    expect(defined(kept[0]).accessToken).not.toBe(credentials.accessToken);
    expect(defined(kept[0]).refreshToken).toBe(credentials.refreshToken);
    const mores = server.seen.filter((s) => /\/services\/data\/v62\.0\/query\/01g\d+-\d+$/.test(s.path));
    expect(mores.length).toBeGreaterThanOrEqual(2);
    const first = defined(server.seen.find((s) => s.soql?.startsWith('SELECT Id, CreatedDate')));
    expect(first.soql).toMatch(
      /^SELECT Id, CreatedDate, LeadSource, .*ConvertedOpportunity\.Amount.* FROM Lead ORDER BY/,
    );
    expect(server.seen.some((s) => s.soql?.includes("FROM LeadHistory WHERE Field = 'Status'"))).toBe(true);

    // 5 leads and 4 campaign members read; leads 1, 2, 3, 5 and two touches in; lead 4 and member 3 refused.
    expect(tally).toMatchObject({ read: 9, inserted: 6, rejected: 2, deleted: 0 });
    expect(tally.errors).toEqual([
      { recordId: '00Q000000000004AAA', message: 'CreatedDate "yesterday" is not a date' },
      { recordId: '00v000000000003AAA', message: 'its lead 00Q000000000009AAA is not a synced lead' },
    ]);
    const rows = await leadRows(t.handle.db);
    expect(rows.map((r) => r.id)).toEqual([
      '00Q000000000001AAA',
      '00Q000000000002AAA',
      '00Q000000000003AAA',
      '00Q000000000005AAA',
    ]);
    expect(rows[0]).toMatchObject({
      source: 'Web',
      country: 'Germany',
      company: 'Acme',
      owner: 'Ada Byron',
      status: 'open',
      stage: 'sales_ready',
    });
    expect(iso(defined(rows[0]).mql_at)).toBe('2025-10-03T09:00:00.000Z');
    expect(iso(defined(rows[0]).crm_sales_ready_at)).toBe('2025-10-08T09:00:00.000Z');
    expect(rows[1]).toMatchObject({
      source: 'Phone Inquiry',
      stage: 'lead',
      mql_at: null,
      opportunity_at: null,
    });
    // Converted into a contact and a won opportunity: dated by the opportunity, credited its amount.
    expect(rows[2]).toMatchObject({ status: 'won', stage: 'won', amount: 12000 });
    expect(iso(defined(rows[2]).mql_at)).toBe('2025-10-06T09:00:00.000Z');
    expect(iso(defined(rows[2]).crm_sales_ready_at)).toBe('2025-10-07T09:00:00.000Z');
    expect(iso(defined(rows[2]).opportunity_at)).toBe('2025-10-20T10:00:00.000Z');
    expect(iso(defined(rows[2]).won_at)).toBe('2025-12-01T00:00:00.000Z');
    expect(rows[3]).toMatchObject({ source: 'Partner Referral', status: 'disqualified', won_at: null });
    const touches = await selectRows<{ lead: string; channel: string; kind: string }>(
      t.handle.db,
      sql`select l.external_id as lead, t.channel, t.kind from touches t join leads l on l.id = t.lead_id
          where t.origin_system = 'salesforce' order by t.external_id`,
    );
    expect(touches).toEqual([
      { lead: '00Q000000000001AAA', channel: 'Webinar', kind: 'campaign' },
      { lead: '00Q000000000003AAA', channel: 'Email', kind: 'campaign' },
    ]);
  });

  it('goes on from a saved page after a stop, and the page read twice changes nothing', async () => {
    const before = await leadRows(t.handle.db);
    const first = await client().query(leadQuery(mapping, null));
    const resumed = await runSalesforceSync(
      t.handle.db,
      client(),
      { ...startSync(null), counted: true, next: first.next },
      { budgetMs: 60_000, mapping },
    );
    expect(resumed.tally).toMatchObject({ inserted: 0, rejected: 2 });
    expect(await leadRows(t.handle.db)).toEqual(before);
  });

  it('asks only for what changed since the last sync (SystemModstamp), and a deleted lead leaves the figures', async () => {
    const last: SalesforceSyncState = {
      ...startSync(null),
      phase: 'done',
      startedAt: '2026-01-10T12:00:00.000Z',
    };
    org.leads = org.leads
      .filter((l) => l.Id !== '00Q000000000005AAA')
      .map((l) =>
        l.Id === '00Q000000000002AAA'
          ? { ...l, Status: 'Marketing Qualified', SystemModstamp: '2026-01-12T09:00:00.000+0000' }
          : l,
      );
    org.history.push({
      LeadId: '00Q000000000002AAA',
      NewValue: 'Marketing Qualified',
      CreatedDate: '2026-01-12T09:00:00.000+0000',
    });
    org.deleted = [{ Id: '00Q000000000005AAA', SystemModstamp: '2026-01-11T09:00:00.000+0000' }];
    org.throttle = { status: 403, times: 1 };
    server.seen.length = 0;
    const { state, tally } = await runSalesforceSync(t.handle.db, client(), startSync(last), {
      budgetMs: 60_000,
      mapping,
    });
    expect(state.phase).toBe('done');
    expect(tally).toMatchObject({ read: 1, inserted: 0, updated: 1, deleted: 1, rejected: 0 });
    const soql = server.seen.flatMap((s) => (s.soql ? [s.soql] : []));
    expect(soql.find((q) => q.includes('FROM Lead '))).toMatch(
      / FROM Lead WHERE SystemModstamp > 2026-01-10T11:59:00Z OR ConvertedOpportunity\.SystemModstamp > 2026-01-10T11:59:00Z /,
    );
    expect(server.seen.find((s) => s.path.includes('/queryAll?'))?.soql).toBe(
      'SELECT Id FROM Lead WHERE IsDeleted = true AND SystemModstamp > 2026-01-10T11:59:00Z',
    );
    expect(soql.find((q) => q.includes('FROM CampaignMember'))).toMatch(
      /WHERE SystemModstamp > 2026-01-10T11:59:00Z$/,
    );
    expect(soql.some((q) => q === 'SELECT COUNT() FROM Lead')).toBe(false);
    const rows = await leadRows(t.handle.db);
    expect(rows.map((r) => r.id)).toEqual(['00Q000000000001AAA', '00Q000000000002AAA', '00Q000000000003AAA']);
    expect(iso(defined(rows[1]).mql_at)).toBe('2026-01-12T09:00:00.000Z');
  });

  it('reads a large org’s first sync with a Bulk API 2.0 query job, landing the same leads as the REST pages', async () => {
    const restRows = await leadRows(t.handle.db);
    const bulkApp = await openTestApp();
    try {
      sleeps.length = 0;
      server.seen.length = 0;
      const { state, tally } = await runSalesforceSync(
        bulkApp.handle.db,
        client({ ...credentials, accessToken: null }),
        startSync(null),
        {
          budgetMs: 60_000,
          mapping,
          bulkThreshold: 2,
          bulkPageSize: 2,
          pollMs: 25,
          sleep: async (ms) => {
            sleeps.push(ms);
          },
        },
      );
      expect(state.phase).toBe('done');
      expect(tally).toMatchObject({ read: 8, inserted: 5, rejected: 2 });
      const paths = server.seen.map(
        (s) => `${s.method} ${s.path.replace(/750\d+/, '{job}').replace(/\?.*$/, '')}`,
      );
      expect(paths).toContain('POST /services/data/v62.0/jobs/query');
      const job = defined(server.seen.find((s) => s.method === 'POST' && s.path.endsWith('/jobs/query')));
      expect(job.soql).toMatch(/^SELECT Id, CreatedDate, LeadSource, .* FROM Lead$/);
      expect(paths.filter((p) => p === 'GET /services/data/v62.0/jobs/query/{job}').length).toBe(2);
      expect(sleeps).toEqual([25]);
      const results = server.seen.filter((s) => s.path.includes('/results?'));
      expect(results.map((s) => new URL(s.path, 'http://x').searchParams.get('locator'))).toEqual([
        null,
        '2',
      ]);
      expect(await leadRows(bulkApp.handle.db)).toEqual(restRows);
    } finally {
      await bulkApp.close();
    }
  });

  it('reaches a lead converted without an opportunity through the one its contact gets later by a contact role', async () => {
    const done = (startedAt: string): SalesforceSyncState => ({
      ...startSync(null),
      phase: 'done',
      startedAt,
    });
    org.leads.push(convertedWithoutOpportunity());
    const first = await runSalesforceSync(
      t.handle.db,
      client(),
      startSync(done('2026-01-20T12:00:00.000Z')),
      {
        budgetMs: 60_000,
        mapping,
      },
    );
    expect(first.tally).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
    const alone = async () => (await leadRows(t.handle.db)).find((r) => r.id === '00Q000000000006AAA') ?? {};
    expect(await alone()).toMatchObject({ stage: 'opportunity', won_at: null, amount: null });
    expect(iso((await alone()).opportunity_at)).toBe('2026-01-21T00:00:00.000Z');

    // The lead's own record does not move; the roles' do: the next sync finds them and reads it again.
    org.roles = laterRoles();
    server.seen.length = 0;
    const next = await runSalesforceSync(t.handle.db, client(), startSync(done('2026-01-25T12:00:00.000Z')), {
      budgetMs: 60_000,
      mapping,
    });
    expect(next.state.phase).toBe('done');
    expect(next.tally).toMatchObject({ read: 1, inserted: 0, updated: 1, rejected: 0 });
    const soql = server.seen.flatMap((s) => (s.soql ? [s.soql] : []));
    expect(soql).toContain(
      'SELECT ContactId FROM OpportunityContactRole WHERE SystemModstamp > 2026-01-25T11:59:00Z OR Opportunity.SystemModstamp > 2026-01-25T11:59:00Z',
    );
    expect(soql).toContainEqual(
      expect.stringContaining("FROM Lead WHERE ConvertedContactId IN ('003000000000006AAA')"),
    );
    expect(soql.find((q) => q.includes('FROM OpportunityContactRole WHERE ContactId IN'))).toMatch(
      /^SELECT Id, ContactId, OpportunityId, IsPrimary, Role, Opportunity\.Amount, .*Opportunity\.CreatedDate FROM/,
    );
    // The primary role's opportunity, though the other was created first: dated by it, won with its amount.
    const row = await alone();
    expect(row).toMatchObject({ stage: 'won', status: 'won', amount: 8000, lost_at: null });
    expect(iso(row.opportunity_at)).toBe('2026-01-24T10:00:00.000Z');
    expect(iso(row.won_at)).toBe('2026-01-30T00:00:00.000Z');
  });

  it('gives the same figures as importing the same records from a CSV export, and a sync after that import adds no lead', async () => {
    const csvApp = await openTestApp();
    try {
      const cookie = await cookieFor(csvApp, 'revops@example.com');
      // A report export names leads by their 15-character ids.
      const csv = [
        'Lead ID,Created Date,Lead Source,Company,Country,Lead Owner,MQL Date,SQL Date,Opportunity Created,Won Date,Amount,Stage',
        '00Q000000000001,2025-10-01 09:00:00,Web,Acme,Germany,Ada Byron,2025-10-03 09:00:00,2025-10-08 09:00:00,,,,sales_ready',
        '00Q000000000002,2025-10-02 09:00:00,Phone Inquiry,,,Ada Byron,2026-01-12 09:00:00,,,,,mql',
        '00Q000000000003,2025-10-05 09:00:00,Web,,,Ada Byron,2025-10-06 09:00:00,2025-10-07 09:00:00,2025-10-20 10:00:00,2025-12-01,12000,won',
        // Converted without an opportunity: the report shows the one its contact's primary role names.
        '00Q000000000006,2026-01-15 09:00:00,Web,,,Ada Byron,,,2026-01-24 10:00:00,2026-01-30,8000,won',
      ].join('\n');
      const fields = {
        mapping: JSON.stringify({
          externalId: 'Lead ID',
          createdAt: 'Created Date',
          source: 'Lead Source',
          company: 'Company',
          country: 'Country',
          owner: 'Lead Owner',
          mqlAt: 'MQL Date',
          salesReadyAt: 'SQL Date',
          opportunityAt: 'Opportunity Created',
          wonAt: 'Won Date',
          amount: 'Amount',
          stage: 'Stage',
        }),
        originSystem: 'salesforce',
        timezone: 'UTC',
      };
      const imported = await csvApp.app.request('/api/imports', uploadRequest(cookie, csv, fields));
      expect(imported.status).toBe(201);
      expect(await imported.json()).toMatchObject({ inserted: 4, rejected: 0 });

      const figures = async (app: TestApp) => {
        const admin = await cookieFor(app, `figures-${Math.random()}@example.com`);
        const res = await app.app.request('/api/metrics/sources?from=2025-10-01&to=2026-02-01&view=cohort', {
          headers: { cookie: admin },
        });
        expect(res.status).toBe(200);
        return res.json();
      };
      const synced = await figures(t);
      expect(synced.totals.leads).toBe(4);
      expect(synced.totals.won).toBe(2);
      expect(await figures(csvApp)).toEqual(synced);

      // The connector finds the leads the import brought (15-character ids) and doubles none.
      org.deleted = [];
      await runSalesforceSync(csvApp.handle.db, client(), startSync(null), { budgetMs: 60_000, mapping });
      const [count] = await selectRows<{ n: number | string }>(
        csvApp.handle.db,
        sql`select count(*) as n from leads`,
      );
      expect(Number(defined(count).n)).toBe(4);
      expect(await figures(csvApp)).toEqual(synced);
    } finally {
      await csvApp.close();
    }
  });
});
