import type { Database } from '@salesready/db/client';
import type { LeadListRow } from '@salesready/db/queries/leads/list-leads';
import { resolveMetricsQuery } from '../../figures/period-query';
import { countExportLeads, exportSort, type LeadExportOptions, leadExportBatches } from '../lead-batches';
import type { Cell, Column, ExportTable } from '../table';
import { aboutFor, type ExportContext, type MetricsQueryInput, money } from './common';
import { stageNames } from './funnel';

const sortWords: Record<string, string> = {
  createdAt: 'created at',
  salesReadyAt: 'sales-ready at',
  amount: 'amount',
  bantScore: 'BANT score',
  company: 'company',
};

const cells = (r: LeadListRow): Cell[] => [
  r.id,
  r.externalId,
  r.company,
  r.sourceId,
  r.source,
  r.category,
  r.owner,
  r.segment,
  r.country,
  stageNames[r.stage] ?? r.stage,
  r.createdAt,
  r.salesReadyAt,
  r.bantScore,
  r.score,
  r.amount,
  r.ageDays,
  r.lastTouchAt,
];

/** The lead list with every row, read and written batch by batch (1M leads stream in bounded memory). */
export async function leadsTable(
  db: Database,
  query: MetricsQueryInput,
  options: LeadExportOptions,
  ctx: ExportContext,
  batchSize?: number,
): Promise<ExportTable> {
  const { periods, leads, filter } = await resolveMetricsQuery(db, query);
  const total = await countExportLeads(db, filter, options);
  const order = exportSort(options);
  async function* rows() {
    for await (const batch of leadExportBatches(db, filter, options, batchSize)) yield batch.map(cells);
  }
  const columns: Column[] = [
    { header: 'Lead ID', kind: 'integer', width: 10 },
    { header: 'External ID', kind: 'text', width: 16 },
    { header: 'Company', kind: 'text', width: 28 },
    { header: 'Source ID', kind: 'integer', width: 10 },
    { header: 'Source', kind: 'text', width: 20 },
    { header: 'Category', kind: 'text', width: 12 },
    { header: 'Owner', kind: 'text', width: 18 },
    { header: 'Segment', kind: 'text', width: 14 },
    { header: 'Country', kind: 'text', width: 12 },
    { header: 'Stage', kind: 'text', width: 12 },
    { header: 'Created at (UTC)', kind: 'datetime' },
    { header: 'Sales-ready at (UTC)', kind: 'datetime' },
    { header: 'BANT score', kind: 'integer' },
    { header: 'Lead score', kind: 'integer' },
    { header: money('Amount', ctx), kind: 'money' },
    { header: 'Age (days)', kind: 'days' },
    { header: 'Last touch at (UTC)', kind: 'datetime' },
  ];
  const filterWords = [
    `${stageNames[options.dateStage]} time in the period`,
    options.currentStage && `furthest stage ${stageNames[options.currentStage]}`,
    options.reached && `reached ${stageNames[options.reached]}`,
    options.search && `search "${options.search}"`,
  ].filter(Boolean);
  return {
    name: 'leads',
    title: 'Leads',
    columns,
    rows: rows(),
    periodLabel: periods.current.label,
    about: await aboutFor(db, ctx, {
      report: `Lead list: ${filterWords.join('; ')}`,
      period: periods.current,
      timezone: periods.timezone,
      leads,
      rows: total,
      extra: [
        {
          key: 'Order',
          value: `${sortWords[order.sort]}, ${order.descending ? 'descending' : 'ascending'} (empty values last)`,
        },
      ],
    }),
  };
}
