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
  volume('salesReady', 'SRLs', 'salesReady'),
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
  money('revenue', 'Revenue', true),
  money('spend', 'Spend', true),
  money('costPerLead', 'Per lead', false),
  money('costPerSalesReady', 'Per SRL', false),
];

export function figure(row: SourceFigures, key: FigureKey): number | null {
  return row[key];
}
