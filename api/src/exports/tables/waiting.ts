import type { Database } from '@salesready/db/client';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { readSettings } from '@salesready/db/settings';
import { resolveMetricsQuery } from '../../figures/period-query';
import { waitingScope as scopeOf } from '../../figures/waiting-scope';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, money } from './common';

const pageSize = 5000;

/** The scope of the lists' endpoints (api/src/figures/waiting-scope.ts); the lead filters either way. */
async function waitingScope(db: Database, query: MetricsQueryInput, now: Date) {
  const { filter, periods, leads } = await resolveMetricsQuery(db, query, now);
  const { filter: scope, scope: days } = scopeOf(query, filter, periods.timezone, now);
  const period =
    days.basis === 'period'
      ? periods.current
      : { label: `${days.from}..${days.to}`, from: days.from, to: days.to };
  return { scope, period, periods, leads };
}

/** Every page of a waiting list, in its order (the lists are the leads waiting now: hundreds, not millions). */
async function allPages<T>(
  read: (limit: number, offset: number) => Promise<{ total: number; rows: T[] }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await read(pageSize, offset);
    rows.push(...page.rows);
    if (page.rows.length < pageSize) return rows;
  }
}

export async function neglectedTable(
  db: Database,
  query: MetricsQueryInput,
  ctx: ExportContext,
): Promise<ExportTable> {
  const now = ctx.generatedAt;
  const [settings, { scope, period, periods, leads }] = await Promise.all([
    readSettings(db),
    waitingScope(db, query, now),
  ]);
  const list = await allPages((limit, offset) =>
    neglectedLeads(db, scope as MetricFilter, { slaHours: settings.slaHours, now, limit, offset }),
  );
  const columns: Column[] = [
    { header: 'Lead ID', kind: 'integer', width: 10 },
    { header: 'External ID', kind: 'text', width: 16 },
    { header: 'Company', kind: 'text', width: 28 },
    { header: 'Source ID', kind: 'integer', width: 10 },
    { header: 'Source', kind: 'text', width: 20 },
    { header: 'Owner', kind: 'text', width: 18 },
    { header: 'Segment', kind: 'text', width: 14 },
    { header: 'Sales-ready at (UTC)', kind: 'datetime' },
    { header: 'Hours waiting', kind: 'hours' },
  ];
  const rows = list.map((r): Cell[] => [
    r.id,
    r.externalId,
    r.company,
    r.sourceId,
    r.source,
    r.owner,
    r.segment,
    r.salesReadyAt,
    r.hoursWaiting,
  ]);
  return {
    name: 'neglected-leads',
    title: 'Neglected leads',
    columns,
    rows,
    periodLabel: period.label,
    about: await aboutFor(db, ctx, {
      report:
        'Neglected SRLs: sales-ready, not closed, no sales follow-up within the SLA; longest waiting first',
      period,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'SLA (hours)', value: settings.slaHours },
        { key: 'Waiting as of', value: now },
      ],
    }),
  };
}

export async function stalledTable(
  db: Database,
  query: MetricsQueryInput,
  ctx: ExportContext,
): Promise<ExportTable> {
  const now = ctx.generatedAt;
  const [settings, { scope, period, periods, leads }] = await Promise.all([
    readSettings(db),
    waitingScope(db, query, now),
  ]);
  const list = await allPages((limit, offset) =>
    stalledLeads(db, scope, { stalledDays: settings.stalledDays, now, limit, offset }),
  );
  const columns: Column[] = [
    { header: 'Lead ID', kind: 'integer', width: 10 },
    { header: 'External ID', kind: 'text', width: 16 },
    { header: 'Company', kind: 'text', width: 28 },
    { header: 'Source ID', kind: 'integer', width: 10 },
    { header: 'Source', kind: 'text', width: 20 },
    { header: 'Owner', kind: 'text', width: 18 },
    { header: 'Stage', kind: 'text', width: 12 },
    { header: 'Stage reached at (UTC)', kind: 'datetime' },
    { header: 'Days in stage', kind: 'days' },
    { header: 'Last activity at (UTC)', kind: 'datetime' },
    { header: 'Days since activity', kind: 'days' },
    { header: money('Amount', ctx), kind: 'money' },
  ];
  const stageWords = { sales_ready: 'SRL', accepted: 'SAL', opportunity: 'Opportunity' } as const;
  const rows = list.map((r): Cell[] => [
    r.id,
    r.externalId,
    r.company,
    r.sourceId,
    r.source,
    r.owner,
    stageWords[r.stage],
    r.stageAt,
    r.daysInStage,
    r.lastActivityAt,
    r.daysSinceActivity,
    r.amount,
  ]);
  return {
    name: 'stalled-leads',
    title: 'Stalled leads',
    columns,
    rows,
    periodLabel: period.label,
    about: await aboutFor(db, ctx, {
      report: `Stalled leads: sales-ready and still open, no activity for ${settings.stalledDays} days; quietest first`,
      period,
      timezone: periods.timezone,
      leads,
      rows: rows.length,
      extra: [
        { key: 'Stalled after (days)', value: settings.stalledDays },
        { key: 'Quiet as of', value: now },
      ],
    }),
  };
}
