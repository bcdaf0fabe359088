import { arrayLiteral } from '@salesready/db/array-literal';
import { type Database, selectRows } from '@salesready/db/client';
import type { WriteRow } from '@salesready/db/import/write-batch';
import { sql } from 'drizzle-orm';
import { type ConnectorMapping, defaultMappings } from '../mapping';
import { deleteLeads, emptyTally, reject, type SyncTally, writeLeadRows } from '../sync-run';
import type { HubSpotClient, HubSpotPage } from './client';
import { contactProperties, contactToLead, dealProperties, ownerNames, wonDeal } from './mapping';

/** Leads from HubSpot are unique by (origin, contact id), the origin a HubSpot contacts export imports with. */
export const hubSpotOrigin = 'hubspot';

/**
 * Where a sync stands, saved after every page so a sync stopped anywhere (a request's time, a crash,
 * a rate limit) goes on from the next page. `since` is when the last complete sync started: the next
 * one asks only for what changed after it.
 */
export interface HubSpotSyncState {
  phase: 'contacts' | 'archived' | 'deals' | 'done';
  after: string | null;
  since: string | null;
  startedAt: string;
}

export function startSync(previous: HubSpotSyncState | null, now = new Date()): HubSpotSyncState {
  return {
    phase: 'contacts',
    after: null,
    since: previous?.phase === 'done' ? previous.startedAt : null,
    startedAt: now.toISOString(),
  };
}

// Records changed in the last minute before the previous sync started are asked for again: a record
// saved while that sync read its page would otherwise be missed. Writing one twice changes nothing.
const overlapMs = 60_000;

async function fetchPage(
  client: HubSpotClient,
  type: 'contacts' | 'deals',
  state: HubSpotSyncState,
  properties: string[],
): Promise<HubSpotPage> {
  if (state.since) {
    const since = new Date(new Date(state.since).getTime() - overlapMs);
    return client.modifiedSince(type, { properties, since, after: state.after });
  }
  return client.list(type, { properties, after: state.after });
}

/** One page of the sync: read, map, write in one transaction; returns the state to go on from. */
export async function syncSlice(
  db: Database,
  client: HubSpotClient,
  state: HubSpotSyncState,
  owners: Map<string, string>,
  tally: SyncTally,
  mapping: ConnectorMapping = defaultMappings.hubspot,
): Promise<HubSpotSyncState> {
  const next = (page: HubSpotPage, then: HubSpotSyncState['phase']): HubSpotSyncState =>
    page.after ? { ...state, after: page.after } : { ...state, phase: then, after: null };

  if (state.phase === 'contacts') {
    const page = await fetchPage(client, 'contacts', state, contactProperties(mapping));
    const rows: WriteRow[] = [];
    for (const [index, contact] of page.results.entries()) {
      tally.read++;
      const mapped = contactToLead(contact, owners, mapping);
      if ('lead' in mapped) rows.push({ line: index, lead: mapped.lead });
      else reject(tally, String(contact.id), mapped.problem);
    }
    await writeLeadRows(db, rows, hubSpotOrigin, 'upsert', tally);
    return next(page, 'archived');
  }

  if (state.phase === 'archived') {
    // Contacts deleted (archived) in HubSpot leave the figures.
    const page = await client.list('contacts', { properties: [], after: state.after, archived: true });
    await deleteLeads(
      db,
      hubSpotOrigin,
      page.results.map((c) => String(c.id)),
      tally,
    );
    return next(page, 'deals');
  }

  if (state.phase === 'deals') {
    const page = await fetchPage(client, 'deals', state, dealProperties);
    const won = page.results.flatMap((deal) => {
      const w = wonDeal(deal);
      return w ? [{ id: String(deal.id), ...w }] : [];
    });
    tally.read += page.results.length;
    if (won.length) {
      const contacts = await client.dealContacts(won.map((d) => d.id));
      const rows: WriteRow[] = [];
      for (const [index, deal] of won.entries()) {
        const ids = contacts.get(deal.id) ?? [];
        // The deal is credited once, to its earliest-created contact that is a lead here.
        const [first] = ids.length
          ? await selectRows<{ externalId: string }>(
              db,
              sql`select external_id as "externalId" from leads
                  where origin_system = ${hubSpotOrigin} and external_id = any(${arrayLiteral(ids)}::text[])
                  order by created_at, id limit 1`,
            )
          : [];
        if (!first) {
          reject(tally, deal.id, 'a won deal with no associated contact synced as a lead');
          continue;
        }
        rows.push({
          line: index,
          lead: {
            externalId: first.externalId,
            wonAt: deal.wonAt,
            amount: deal.amount,
            status: 'won',
            stage: 'won',
          },
        });
      }
      await writeLeadRows(db, rows, hubSpotOrigin, 'update', tally);
    }
    return next(page, 'done');
  }
  return state;
}

/**
 * Runs a sync's pages until it is done or the time budget is spent (a serverless request or a job's
 * tick), and returns where it stands and what it did. Call again with the state to go on.
 */
export async function runHubSpotSync(
  db: Database,
  client: HubSpotClient,
  state: HubSpotSyncState,
  options: {
    budgetMs: number;
    onSlice?: (state: HubSpotSyncState) => Promise<void> | void;
    mapping?: ConnectorMapping;
  },
): Promise<{ state: HubSpotSyncState; tally: SyncTally }> {
  const deadline = Date.now() + options.budgetMs;
  const tally = emptyTally();
  const owners = ownerNames(await client.owners());
  let current = state;
  while (current.phase !== 'done' && Date.now() < deadline) {
    current = await syncSlice(db, client, current, owners, tally, options.mapping);
    await options.onSlice?.(current);
  }
  return { state: current, tally };
}
