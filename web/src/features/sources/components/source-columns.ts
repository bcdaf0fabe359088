import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import type { MetricView } from '../../../components/view-toggle';
import { definitions } from '../../../lib/definitions';
import {
  formatDecimal,
  formatInteger,
  formatMoney,
  formatMoneyCompact,
  formatRate,
} from '../../../lib/format';
import type { LeadStage } from '../../../lib/stages';
import type { SourceFigures } from '../api/get-source-report';
import type { SourceSortKey } from '../sources-filter';

export type FigureKey = Exclude<SourceSortKey, 'source'>;

export interface SourceColumn {
  key: FigureKey;
  label: string;
  definition: string;
  format: (v: number | null) => string;
  /** The exact figure, where the cell shows a rounded one. */
  exact?: (v: number | null) => string;
  /** In the period view this count is the leads whose `stage` time fell in the period: a link to them. */
  drillStage?: LeadStage;
  group: ColumnGroup;
}

export type ColumnGroup = 'volume' | 'conversion' | 'speed' | 'money';

export const columnGroups: { key: ColumnGroup; label: string }[] = [
  { key: 'volume', label: 'Volume' },
  { key: 'conversion', label: 'Conversion' },
  { key: 'speed', label: 'Days to SRL' },
  { key: 'money', label: 'Revenue and cost' },
];

const volume = (key: FigureKey, label: string, drillStage: LeadStage): SourceColumn => ({
  key,
  label,
  definition: definitions[key],
  format: formatInteger,
  group: 'volume',
  drillStage,
});
const rate = (key: FigureKey, label: string): SourceColumn => ({
  key,
  label,
  definition: definitions[key],
  format: formatRate,
  group: 'conversion',
});
const money = (key: FigureKey, label: string, compact: boolean): SourceColumn => ({
  key,
  label,
  definition: definitions[key],
  format: compact ? formatMoneyCompact : formatMoney,
  ...(compact && { exact: formatMoney }),
  group: 'money',
});

export const sourceColumns: SourceColumn[] = [
  volume('leads', 'Leads', 'lead'),
  volume('mqls', 'MQLs', 'mql'),
  volume('salesReady', figureEntry('srls').label, 'salesReady'),
  volume('opportunities', 'Opps', 'opportunity'),
  volume('won', 'Won', 'won'),
  rate('salesReadyRate', 'SRL rate'),
  rate('salesReadyToOpportunity', 'SRL\u00a0→ opp'),
  rate('opportunityToWon', 'Opp\u00a0→ won'),
  rate('wonRate', 'Lead\u00a0→ won'),
  {
    key: 'medianDaysToSalesReady',
    label: 'Median',
    definition: definitions.medianDaysToSalesReady,
    format: formatDecimal,
    group: 'speed',
  },
  {
    key: 'p75DaysToSalesReady',
    label: 'p75',
    definition: definitions.p75DaysToSalesReady,
    format: formatDecimal,
    group: 'speed',
  },
  money('revenue', figureEntry('wonRevenue').label, true),
  money('spend', figureEntry('spend').label, true),
  money('costPerLead', figureEntry('costPerLead').label, false),
  money('costPerSalesReady', figureEntry('costPerSrl').label, false),
  money('costPerOpportunity', figureEntry('costPerOpportunity').label, false),
  money('costPerWon', figureEntry('costPerWonDeal').label, false),
  money('cac', figureEntry('cac').label, false),
];

/**
 * The columns as a view counts them. The cohort view follows the period's leads to today, so its
 * counts, revenue, speed and cost per SRL are other figures than the period view's, with their own
 * catalogue labels ("Reached sales-ready", not "SRLs"); rates are labelled by helper text.
 */
const cohortFigures: Partial<Record<FigureKey, FigureId>> = {
  mqls: 'cohortMqls',
  salesReady: 'cohortSrls',
  opportunities: 'cohortOpportunities',
  won: 'cohortWon',
  revenue: 'cohortRevenue',
  salesReadyToOpportunity: 'cohortSrlToOpportunityRate',
  opportunityToWon: 'cohortOpportunityToWonRate',
  wonRate: 'cohortLeadToWonRate',
  medianDaysToSalesReady: 'cohortMedianDaysToSrl',
  p75DaysToSalesReady: 'cohortP75DaysToSrl',
  costPerSalesReady: 'cohortCostPerSrl',
  costPerOpportunity: 'cohortCostPerOpportunity',
  costPerWon: 'cohortCostPerWonDeal',
  cac: 'cohortCac',
};

export function columnsFor(view: MetricView): SourceColumn[] {
  if (view === 'period') return sourceColumns;
  return sourceColumns.map((column) => {
    const id = cohortFigures[column.key];
    if (!id) return column;
    const entry = figureEntry(id);
    return { ...column, label: entry.label, definition: `${entry.label}: ${entry.definition}` };
  });
}

export function figure(row: SourceFigures, key: FigureKey): number | null {
  return row[key];
}
