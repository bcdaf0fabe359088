import { figureEntry, glossary } from '@salesready/api/figures/catalogue';
import { defined } from '@salesready/db/defined';
import { definitions } from '@salesready/web/lib/definitions';
import { expect, it } from 'vitest';

// The web app's tooltips for catalogued figures and glossary terms are the catalogue's words.
const catalogued: Record<string, string> = {
  leads: 'leads',
  mqls: 'mqls',
  salesReady: 'srls',
  salesReadyRate: 'srlRate',
  medianDaysToSalesReady: 'medianDaysToSrl',
  p75DaysToSalesReady: 'p75DaysToSrl',
  opportunities: 'opportunities',
  won: 'won',
  revenue: 'wonRevenue',
  pipeline: 'openPipeline',
  pipelineCreated: 'pipelineCreated',
  spend: 'spend',
  costPerLead: 'costPerLead',
  costPerSalesReady: 'costPerSrl',
  cohortSalesReady: 'cohortSrls',
  cohortRevenue: 'cohortRevenue',
  slaAttainment: 'slaAttainment',
  neglected: 'neglectedSrls',
  stalled: 'stalledSrls',
};
const terms: Record<string, string> = {
  cohortView: 'Cohort view',
  periodView: 'Period view',
  expectedToDate: 'Expected to date',
  pacing: 'Pacing',
  projectionRange: 'Range (P10–P90)',
};

it('shows each catalogued figure with its catalogue label and definition', () => {
  for (const [key, id] of Object.entries(catalogued)) {
    const entry = figureEntry(id);
    expect(definitions[key as keyof typeof definitions], key).toBe(`${entry.label}: ${entry.definition}`);
  }
});

it('explains each glossary term in the catalogue glossary words', () => {
  for (const [key, name] of Object.entries(terms)) {
    const g = defined(glossary.find((t) => t.term === name));
    expect(definitions[key as keyof typeof definitions], key).toBe(`${g.term}: ${g.text}`);
  }
});
