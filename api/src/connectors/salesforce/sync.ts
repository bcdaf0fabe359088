import { arrayLiteral } from '@salesready/db/array-literal';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import type { WriteRow } from '@salesready/db/import/write-batch';
import { writeTouches } from '@salesready/db/import/write-touches';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { type ConnectorMapping, defaultMappings } from '../mapping';
import { deleteLeads, emptyTally, reject, type SyncTally, writeLeadRows } from '../sync-run';
import { type SalesforceClient, SalesforceError, type SalesforcePage, type SalesforceRecord } from './client';
import {
  campaignMemberFields,
  contactRoleFields,
  fieldOf,
  leadFields,
  leadFromRecord,
  roleOpportunity,
  type StatusChange,
  salesforceDate,
  salesforceOrigin,
  touchFromMember,
} from './mapping';

/**
 * Where a sync stands, saved after every page so a sync stopped anywhere goes on from the next one.
 * `next` is the REST query's `nextRecordsUrl`; `bulk` the Bulk API 2.0 job of a large first sync and
 * the locator of its next result set. `since` is when the last complete sync started.
 */
export interface SalesforceSyncState {
  phase: 'leads' | 'deleted' | 'roles' | 'members' | 'done';
  next: string | null;
  bulk: { jobId: string; locator: string | null; complete?: boolean } | null;
  /** Whether the first sync counted the leads to choose between REST pages and a Bulk job. */
  counted: boolean;
  since: string | null;
  startedAt: string;
}

export interface SalesforceSyncOptions {
  mapping?: ConnectorMapping;
  /** A first sync of more leads than this reads them with a Bulk API 2.0 query job. */
  bulkThreshold?: number;
  /** Records per Bulk result set. */
  bulkPageSize?: number;
  /** How long to wait between looks at a Bulk job still running, and how many looks a slice takes. */
  pollMs?: number;
  polls?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function startSync(previous: SalesforceSyncState | null, now = new Date()): SalesforceSyncState {
  return {
    phase: 'leads',
    next: null,
    bulk: null,
    counted: false,
    since: previous?.phase === 'done' ? previous.startedAt : null,
    startedAt: now.toISOString(),
  };
}

// A record saved while the previous sync read its page would be missed without this overlap;
// writing one twice changes nothing.
const overlapMs = 60_000;
const idPattern = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** A SOQL datetime literal (no milliseconds) a minute before the last sync started. */
function sinceLiteral(state: SalesforceSyncState): string | null {
  if (!state.since) return null;
  return new Date(new Date(state.since).getTime() - overlapMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The leads' SOQL; a Bulk job's has no ORDER BY (Salesforce splits large jobs by id, unordered). */
export function leadQuery(mapping: ConnectorMapping, since: string | null, ordered = true): string {
  const where = since
    ? ` WHERE SystemModstamp > ${since} OR ConvertedOpportunity.SystemModstamp > ${since}`
    : '';
  return `SELECT ${leadFields(mapping).join(', ')} FROM Lead${where}${ordered ? ' ORDER BY SystemModstamp, Id' : ''}`;
}

const quoted = (ids: string[]) => ids.map((id) => `'${id}'`).join(', ');

/** Each lead's Status changes, oldest first, 200 leads a query (SOQL's length stays small). */
async function statusHistory(client: SalesforceClient, ids: string[]): Promise<Map<string, StatusChange[]>> {
  const out = new Map<string, StatusChange[]>();
  for (let i = 0; i < ids.length; i += 200) {
    const records = await client.queryEvery(
      `SELECT LeadId, NewValue, CreatedDate FROM LeadHistory WHERE Field = 'Status' AND LeadId IN (${quoted(ids.slice(i, i + 200))}) ORDER BY CreatedDate`,
    );
    for (const r of records) {
      const at = salesforceDate(r.CreatedDate);
      if (!(at instanceof Date) || r.NewValue === null || r.NewValue === undefined) continue;
      const list = out.get(String(r.LeadId)) ?? [];
      list.push({ status: String(r.NewValue), at });
      out.set(String(r.LeadId), list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return out;
}

/**
 * The opportunity each converted contact reached through its contact roles (see roleOpportunity),
 * 200 contacts a query, every page of each followed.
 */
async function contactOpportunities(
  client: SalesforceClient,
  contactIds: string[],
): Promise<Map<string, SalesforceRecord>> {
  const roles = new Map<string, SalesforceRecord[]>();
  for (let i = 0; i < contactIds.length; i += 200) {
    const records = await client.queryEvery(
      `SELECT ${contactRoleFields.join(', ')} FROM OpportunityContactRole WHERE ContactId IN (${quoted(contactIds.slice(i, i + 200))})`,
    );
    for (const r of records) {
      const list = roles.get(String(r.ContactId)) ?? [];
      list.push(r);
      roles.set(String(r.ContactId), list);
    }
  }
  const out = new Map<string, SalesforceRecord>();
  for (const [contact, list] of roles) {
    const chosen = roleOpportunity(list);
    if (chosen) out.set(contact, chosen);
  }
  return out;
}

/** A lead converted into a contact without an opportunity: its contact's roles may name one. */
const convertedWithoutOpportunity = (r: SalesforceRecord) =>
  fieldOf(r, 'ConvertedOpportunityId') === null &&
  typeof fieldOf(r, 'ConvertedContactId') === 'string' &&
  idPattern.test(String(fieldOf(r, 'ConvertedContactId')));

/** Maps and writes a page of leads in one transaction. */
async function writeLeads(
  db: Database,
  client: SalesforceClient,
  records: SalesforceRecord[],
  mapping: ConnectorMapping,
  tally: SyncTally,
): Promise<void> {
  const valid = records.filter((r) => {
    tally.read++;
    if (typeof r.Id === 'string' && idPattern.test(r.Id)) return true;
    reject(tally, String(r.Id ?? ''), 'Id is not a Salesforce record id');
    return false;
  });
  const ids = valid.map((r) => String(r.Id));
  const history = await statusHistory(client, ids);
  const viaRoles = await contactOpportunities(client, [
    ...new Set(
      valid.filter(convertedWithoutOpportunity).map((r) => String(fieldOf(r, 'ConvertedContactId'))),
    ),
  ]);
  const rows: WriteRow[] = [];
  for (const [index, record] of valid.entries()) {
    const contact = convertedWithoutOpportunity(record) ? String(fieldOf(record, 'ConvertedContactId')) : '';
    const role = viaRoles.get(contact) ?? null;
    const mapped = leadFromRecord(record, history.get(String(record.Id)) ?? [], mapping, role);
    if ('lead' in mapped) rows.push({ line: index, lead: mapped.lead });
    else reject(tally, String(record.Id), mapped.problem);
  }
  if (!rows.length) return;
  // A report export names leads by their 15-character id: such a lead takes the 18-character one, so
  // the sync updates the lead an import brought rather than adding it again.
  const full = rows.map((r) => r.lead.externalId).filter((id) => id.length === 18);
  if (full.length) {
    await selectRows(
      db,
      sql`update leads l set external_id = x.id from unnest(${arrayLiteral(full)}::text[]) as x(id)
          where l.origin_system = ${salesforceOrigin} and l.external_id = left(x.id, 15)
            and not exists (select 1 from leads o where o.origin_system = ${salesforceOrigin} and o.external_id = x.id)
          returning l.id`,
    );
  }
  await writeLeadRows(db, rows, salesforceOrigin, 'upsert', tally);
}

/** Bulk CSV rows as records: every value a string, empty meaning null (fieldOf reads both). */
function csvRecords(csv: string): SalesforceRecord[] {
  if (!csv.trim()) return [];
  return parse(csv, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as SalesforceRecord[];
}

/** One page of the sync: read, map, write; returns the state to go on from. */
export async function syncSlice(
  db: Database,
  client: SalesforceClient,
  state: SalesforceSyncState,
  tally: SyncTally,
  options: SalesforceSyncOptions = {},
): Promise<SalesforceSyncState> {
  const mapping = options.mapping ?? defaultMappings.salesforce;
  const since = sinceLiteral(state);
  const afterLeads = since ? 'deleted' : 'members';
  const next = (page: SalesforcePage, then: SalesforceSyncState['phase']): SalesforceSyncState =>
    page.next ? { ...state, next: page.next } : { ...state, phase: then, next: null };

  if (state.phase === 'leads') {
    if (!since && !state.counted && !state.next) {
      const count = await client.query('SELECT COUNT() FROM Lead');
      if (count.totalSize > (options.bulkThreshold ?? 50_000)) {
        const jobId = await client.createQueryJob(leadQuery(mapping, null, false));
        return { ...state, counted: true, bulk: { jobId, locator: null } };
      }
      state = { ...state, counted: true };
    }
    if (state.bulk) return bulkSlice(db, client, state, state.bulk, mapping, tally, options);
    const page = state.next
      ? await client.queryMore(state.next)
      : await client.query(leadQuery(mapping, since));
    await writeLeads(db, client, page.records, mapping, tally);
    return next(page, afterLeads);
  }

  if (state.phase === 'deleted') {
    // Leads deleted (or merged away) in Salesforce leave the figures; queryAll still lists them.
    const page = state.next
      ? await client.queryMore(state.next)
      : await client.query(`SELECT Id FROM Lead WHERE IsDeleted = true AND SystemModstamp > ${since}`, true);
    await deleteLeads(
      db,
      salesforceOrigin,
      page.records.map((r) => String(r.Id)),
      tally,
    );
    return next(page, 'roles');
  }

  if (state.phase === 'roles') {
    if (!since) return { ...state, phase: 'members', next: null };
    // A contact role added (or its opportunity changed) since the last sync reaches a lead converted
    // without an opportunity, whose own record did not move: such leads are read again. One that moved
    // was read in the leads phase, with its roles.
    const page = state.next
      ? await client.queryMore(state.next)
      : await client.query(
          `SELECT ContactId FROM OpportunityContactRole WHERE SystemModstamp > ${since} OR Opportunity.SystemModstamp > ${since}`,
        );
    const contacts = [
      ...new Set(
        page.records.map((r) => String(fieldOf(r, 'ContactId') ?? '')).filter((id) => idPattern.test(id)),
      ),
    ];
    const unread: SalesforceRecord[] = [];
    for (let i = 0; i < contacts.length; i += 200) {
      const found = await client.queryEvery(
        `SELECT ${leadFields(mapping).join(', ')} FROM Lead WHERE ConvertedContactId IN (${quoted(contacts.slice(i, i + 200))})`,
      );
      const after = Date.parse(since ?? '');
      unread.push(
        ...found.filter((r) => {
          const moved = salesforceDate(fieldOf(r, 'SystemModstamp'));
          return convertedWithoutOpportunity(r) && !(moved instanceof Date && moved.getTime() > after);
        }),
      );
    }
    if (unread.length) await writeLeads(db, client, unread, mapping, tally);
    return next(page, 'members');
  }

  if (state.phase === 'members') {
    const where = since ? ` WHERE SystemModstamp > ${since}` : '';
    const page = state.next
      ? await client.queryMore(state.next)
      : await client.query(`SELECT ${campaignMemberFields.join(', ')} FROM CampaignMember${where}`);
    tally.read += page.records.length;
    // A member added after its lead converted names the contact: find the lead converted into it.
    const contacts = page.records
      .filter(
        (r) =>
          fieldOf(r, 'LeadId') === null && typeof r.ContactId === 'string' && idPattern.test(r.ContactId),
      )
      .map((r) => String(r.ContactId));
    const leadOfContact = new Map<string, string>();
    for (let i = 0; i < contacts.length; i += 200) {
      const found = await client.queryEvery(
        `SELECT Id, ConvertedContactId FROM Lead WHERE ConvertedContactId IN (${quoted(contacts.slice(i, i + 200))})`,
      );
      for (const r of found) leadOfContact.set(String(r.ConvertedContactId), String(r.Id));
    }
    const touches = [];
    for (const record of page.records) {
      const mapped = touchFromMember(record, leadOfContact);
      if ('touch' in mapped) touches.push(mapped.touch);
      else if ('problem' in mapped) reject(tally, String(record.Id), mapped.problem);
    }
    if (touches.length) {
      const result = await writeTouches(db, touches);
      tally.inserted += result.inserted;
      tally.updated += result.updated;
      for (const unknown of result.unknownLeads) {
        reject(
          tally,
          defined(touches[unknown.index]).externalId,
          `its lead ${unknown.leadExternalId} is not a synced lead`,
        );
      }
    }
    return next(page, 'done');
  }
  return state;
}

/** A Bulk API 2.0 job's next result set once it is complete (waiting a little while it runs). */
async function bulkSlice(
  db: Database,
  client: SalesforceClient,
  state: SalesforceSyncState,
  bulk: NonNullable<SalesforceSyncState['bulk']>,
  mapping: ConnectorMapping,
  tally: SyncTally,
  options: SalesforceSyncOptions,
): Promise<SalesforceSyncState> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let look = 0; !bulk.complete; look++) {
    const job = await client.queryJob(bulk.jobId);
    if (job.state === 'JobComplete') {
      bulk = { ...bulk, complete: true };
      break;
    }
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new SalesforceError(
        `Salesforce's bulk query of the leads ${job.state === 'Failed' ? 'failed' : 'was aborted'}${job.errorMessage ? `: ${job.errorMessage}` : ''}`,
        0,
        'BULK_JOB_FAILED',
      );
    }
    // Still running: this slice ends and the next one looks again.
    if (look + 1 >= (options.polls ?? 6)) return state;
    await sleep(options.pollMs ?? 5000);
  }
  const set = await client.queryJobResults(bulk.jobId, bulk.locator, options.bulkPageSize ?? 2000);
  await writeLeads(db, client, csvRecords(set.csv), mapping, tally);
  return set.locator
    ? { ...state, bulk: { ...bulk, locator: set.locator } }
    : { ...state, phase: 'members', bulk: null };
}

/**
 * Runs a sync's pages until it is done or the time budget is spent, and returns where it stands and
 * what it did. Call again with the state to go on.
 */
export async function runSalesforceSync(
  db: Database,
  client: SalesforceClient,
  state: SalesforceSyncState,
  options: SalesforceSyncOptions & {
    budgetMs: number;
    onSlice?: (state: SalesforceSyncState) => Promise<void> | void;
  },
): Promise<{ state: SalesforceSyncState; tally: SyncTally }> {
  const deadline = Date.now() + options.budgetMs;
  const tally = emptyTally();
  let current = state;
  while (current.phase !== 'done' && Date.now() < deadline) {
    current = await syncSlice(db, client, current, tally, options);
    await options.onSlice?.(current);
  }
  return { state: current, tally };
}
