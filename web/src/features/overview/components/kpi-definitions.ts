import { type FigureId, figureEntry } from '@salesready/api/figures/catalogue';
import { definitions } from '../../../lib/definitions';
import {
  formatDays,
  formatInteger,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
} from '../../../lib/format';
import type { LeadStage } from '../../../lib/stages';
import type { KpiKey } from '../api/get-overview';

export interface KpiDefinition {
  key: KpiKey;
  /** The catalogued figure the tile shows: its label is the catalogue's. */
  figure: FigureId;
  label: string;
  /** In the words of the product spec (docs/metrics.md). */
  definition: string;
  format: (v: number | null) => string;
  /** The exact figure, where the tile shows a rounded one. */
  formatExact?: (v: number | null) => string;
  /** Rates compare in percentage points; counts, durations and money as a relative change. */
  delta: 'relative' | 'points';
  lowerIsBetter?: boolean;
  /** The leads behind the tile: those whose `door` stage fell in the period (a rate opens the leads it is of). */
  door: LeadStage;
  /** The trend series that draws the KPI week by week (the tile's sparkline). */
  series: 'leads' | 'salesReady' | 'salesReadyRate' | 'medianDaysToSalesReady' | 'revenue';
}

export const kpiDefinitions: KpiDefinition[] = [
  {
    key: 'leads',
    door: 'lead',
    series: 'leads',
    figure: 'leads',
    label: figureEntry('leads').label,
    definition: definitions.leads,
    format: formatInteger,
    delta: 'relative',
  },
  {
    key: 'salesReady',
    door: 'salesReady',
    series: 'salesReady',
    figure: 'srls',
    label: figureEntry('srls').label,
    definition: definitions.salesReady,
    format: formatInteger,
    delta: 'relative',
  },
  {
    key: 'salesReadyRate',
    door: 'lead',
    series: 'salesReadyRate',
    figure: 'srlRate',
    label: figureEntry('srlRate').label,
    definition: definitions.salesReadyRate,
    format: formatPercent,
    delta: 'points',
  },
  {
    key: 'medianDaysToSalesReady',
    door: 'salesReady',
    series: 'medianDaysToSalesReady',
    figure: 'medianDaysToSrl',
    label: figureEntry('medianDaysToSrl').label,
    definition: definitions.medianDaysToSalesReady,
    format: formatDays,
    delta: 'relative',
    lowerIsBetter: true,
  },
  {
    key: 'wonRevenue',
    door: 'won',
    series: 'revenue',
    figure: 'wonRevenue',
    label: figureEntry('wonRevenue').label,
    definition: definitions.revenue,
    format: formatMoneyCompact,
    formatExact: formatMoney,
    delta: 'relative',
  },
];
