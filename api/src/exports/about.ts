import { type Database, selectRows } from '@salesready/db/client';
import { addDays, type Period } from '@salesready/db/periods';
import type { LeadFilter } from '@salesready/db/queries/filter';
import { intArray } from '@salesready/db/queries/filter';
import { sql } from 'drizzle-orm';
import { type AboutEntry, dayAsDate } from './table';

/** The latest change to any lead: how fresh the figures are. Null without leads. */
export async function dataFreshness(db: Database): Promise<Date | null> {
  const [row] = await selectRows<{ at: string | null }>(
    db,
    sql`select to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from leads`,
  );
  return row?.at ? new Date(row.at) : null;
}

/** The lead filters in words, source ids named: "Sources: Paid search, Webinars; Segments: SMB". */
export async function describeFilters(db: Database, leads: LeadFilter): Promise<string> {
  const parts: string[] = [];
  if (leads.sourceIds?.length) {
    const named = await selectRows<{ id: number; name: string }>(
      db,
      sql`select id, name from sources where id = any(${intArray(leads.sourceIds)}::int[]) order by name`,
    );
    parts.push(`Sources: ${named.map((s) => `${s.name} (id ${s.id})`).join(', ')}`);
  }
  if (leads.categories?.length) parts.push(`Categories: ${leads.categories.join(', ')}`);
  if (leads.segments?.length) parts.push(`Segments: ${leads.segments.join(', ')}`);
  if (leads.countries?.length) parts.push(`Countries: ${leads.countries.join(', ')}`);
  if (leads.owners?.length) parts.push(`Owners: ${leads.owners.join(', ')}`);
  return parts.length ? parts.join('; ') : 'none (all leads)';
}

/** The last day of a period whose `to` is exclusive. */
export function lastDay(period: Pick<Period, 'to'>): string {
  return addDays(period.to, -1);
}

export interface AboutInput {
  report: string;
  period: Period;
  timezone: string;
  filters: string;
  query: string;
  generatedAt: Date;
  freshness: Date | null;
  rows: number;
  /** Entries particular to the table (view, as-of day, currency…), after the period. */
  extra?: AboutEntry[];
}

/** The About block every export carries: what, for which period and filters, when, how fresh. */
export function aboutBlock(input: AboutInput): AboutEntry[] {
  return [
    { key: 'Report', value: input.report },
    { key: 'Period', value: input.period.label },
    { key: 'First day', value: dayAsDate(input.period.from), kind: 'date' },
    { key: 'Last day', value: dayAsDate(lastDay(input.period)), kind: 'date' },
    { key: 'Time zone', value: input.timezone },
    ...(input.extra ?? []),
    { key: 'Filters', value: input.filters },
    { key: 'Query', value: input.query || '(none: the defaults)' },
    { key: 'Rows', value: input.rows },
    { key: 'Generated at', value: input.generatedAt },
    { key: 'Data as of', value: input.freshness ?? 'no leads yet' },
    { key: 'Definitions', value: 'docs/metrics.md and docs/pacing.md: every figure in words and in SQL' },
  ];
}
