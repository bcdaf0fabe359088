import { createReadStream } from 'node:fs';
import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { leads, type SourceCategory, sources } from '@salesready/db/schema/index';
import { parse } from 'csv-parse';
import { setSettings } from './factories';
import { sharedFile } from './shared-data';

export type CsvRecord = Record<string, string>;

/** Streams a CSV file's records (header row as keys); never holds the whole file. */
export async function* streamCsv(path: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true }));
  for await (const record of parser) yield record as CsvRecord;
}

/** Reads a whole (small) CSV file into memory, for the tests' independent expectations. */
export async function readCsv(path: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of streamCsv(path)) out.push(record);
  return out;
}

export const olistFiles = {
  mqls: sharedFile('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv'),
  deals: sharedFile('olist-marketing-funnel/olist_closed_deals_dataset.csv'),
};
export const xEducationFile = sharedFile('x-education-leads/Leads.csv');

/** The date X Education's leads are given: the file has no date at all. */
export const xEducationCreatedAt = '2025-01-15T12:00:00Z';

type LeadRow = typeof leads.$inferInsert;

/** Finds or creates sources by key (trimmed, lower case), so case variants share one source. */
function sourceCache(db: Database, category: (key: string) => SourceCategory) {
  const ids = new Map<string, number>();
  return async (name: string): Promise<number> => {
    const key = name.trim().toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      const [row] = await db
        .insert(sources)
        .values({ name: name.trim(), key, category: category(key) })
        .returning({ id: sources.id });
      id = defined(row).id;
      ids.set(key, id);
    }
    return id;
  };
}

async function insertBatched(db: Database, rows: AsyncIterable<LeadRow>): Promise<number> {
  let batch: LeadRow[] = [];
  let total = 0;
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === 1000) {
      await db.insert(leads).values(batch);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) await db.insert(leads).values(batch);
  await applySalesReadyRule(db);
  return total + batch.length;
}

/**
 * Olist's marketing funnel (data/README.md): every MQL is a lead created (and MQL) on its first
 * contact date; its origin is the source (empty and "unknown" are both Unknown, i.e. no source);
 * a closed deal (joined by mql_id) makes it won on won_date. No amount. Dates are read as UTC.
 */
export async function loadOlist(db: Database): Promise<number> {
  await setSettings(db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
  const wonAt = new Map<string, { wonDate: string; sr: string }>();
  for await (const deal of streamCsv(olistFiles.deals)) {
    wonAt.set(defined(deal.mql_id), { wonDate: defined(deal.won_date), sr: defined(deal.sr_id) });
  }
  const source = sourceCache(db, (key) => (key.startsWith('other') ? 'other' : 'marketing'));
  async function* rows(): AsyncGenerator<LeadRow> {
    for await (const mql of streamCsv(olistFiles.mqls)) {
      const created = new Date(`${mql.first_contact_date}T00:00:00Z`);
      const deal = wonAt.get(defined(mql.mql_id));
      const origin = mql.origin?.trim() ?? '';
      yield {
        externalId: defined(mql.mql_id),
        originSystem: 'olist',
        createdAt: created,
        mqlAt: created,
        sourceId: origin === '' || origin.toLowerCase() === 'unknown' ? null : await source(origin),
        campaign: mql.landing_page_id || null,
        wonAt: deal ? new Date(`${deal.wonDate.replace(' ', 'T')}Z`) : null,
        owner: deal?.sr || null,
        status: deal ? 'won' : 'open',
      };
    }
  }
  return insertBatched(db, rows());
}

/**
 * X Education's leads (data/README.md): no dates, so every lead is created on one fixed day; the
 * Lead Source is the source (case variants merged by key); the Lead Quality goes in `segment`;
 * Converted = 1 makes the lead won on that same day. No amount.
 */
export async function loadXEducation(db: Database): Promise<number> {
  await setSettings(db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
  const created = new Date(xEducationCreatedAt);
  const source = sourceCache(db, () => 'marketing');
  async function* rows(): AsyncGenerator<LeadRow> {
    for await (const lead of streamCsv(xEducationFile)) {
      const leadSource = lead['Lead Source']?.trim() ?? '';
      const won = lead.Converted === '1';
      yield {
        externalId: defined(lead['Prospect ID']),
        originSystem: 'x-education',
        createdAt: created,
        sourceId: leadSource === '' ? null : await source(leadSource),
        segment: lead['Lead Quality']?.trim() || null,
        country: lead.Country?.trim() || null,
        wonAt: won ? created : null,
        status: won ? 'won' : 'open',
      };
    }
  }
  return insertBatched(db, rows());
}
