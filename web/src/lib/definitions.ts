import { figureEntry, glossary } from '@salesready/api/figures/catalogue';

/** A catalogued figure's label and definition, as its tooltip reads. */
const figure = (id: Parameters<typeof figureEntry>[0]) => {
  const entry = figureEntry(id);
  return `${entry.label}: ${entry.definition}`;
};

/** A glossary term and its meaning, as the catalogue writes them. */
const term = (name: (typeof glossary)[number]['term']) =>
  `${name}: ${glossary.find((g) => g.term === name)?.text ?? ''}`;

/**
 * What each figure means, shown as the tooltip of every heading, tile and cell that carries it. A
 * catalogued figure's words come from the figure catalogue (api/src/figures/catalogue.ts), the one
 * source of its label and definition; the other entries explain terms beside the figures.
 */
export const definitions = {
  leads: figure('leads'),
  mqls: figure('mqls'),
  salesReady: figure('srls'),
  salesReadyRate: figure('srlRate'),
  medianDaysToSalesReady: figure('medianDaysToSrl'),
  p75DaysToSalesReady: figure('p75DaysToSrl'),
  opportunities: figure('opportunities'),
  won: figure('won'),
  wonRate: 'Lead → won: leads that reached won ÷ leads.',
  leadToSalesReady: 'Lead → SRL: leads that became sales-ready ÷ leads.',
  salesReadyToOpportunity: 'SRL → opportunity: SRLs that became an opportunity ÷ SRLs.',
  opportunityToWon: 'Opportunity → won: opportunities that were won ÷ opportunities.',
  revenue: figure('wonRevenue'),
  spend: figure('spend'),
  costPerLead: figure('costPerLead'),
  costPerSalesReady: figure('costPerSrl'),
  costPerOpportunity: figure('costPerOpportunity'),
  costPerWon: figure('costPerWonDeal'),
  cac: figure('cac'),
  pipeline: figure('openPipeline'),
  sourced: "Marketing-sourced: the deal's lead comes from a source in a marketing category.",
  influenced:
    'Marketing-influenced: a marketing touch within the influence window (a setting, default 90 days) before the opportunity. Overlaps sourced: never add the two.',
  firstTouch: 'First-touch: all of a won deal goes to the source of its first marketing touch.',
  lastTouch: 'Last-touch: all of a won deal goes to the source of its last marketing touch before SRL.',
  linear: 'Linear: a won deal is split evenly over its marketing touches up to the win.',
  bantScore: 'BANT score: the number of budget, authority, need and timeframe confirmed (0–4).',
  score: 'Lead score (0–100), as imported from the CRM.',
  ageDays: 'Age: days since the lead was created.',
  lastTouchAt: 'Last touch: the latest marketing or sales touch recorded for the lead.',
  amount: 'Amount of the deal, when the lead became one.',
  cohortMqls: figure('cohortMqls'),
  cohortSalesReady: figure('cohortSrls'),
  cohortOpportunities: figure('cohortOpportunities'),
  cohortWon: figure('cohortWon'),
  cohortRevenue: figure('cohortRevenue'),
  cohortCostPerSalesReady: figure('cohortCostPerSrl'),
  cohortSalesReadyToOpportunity: figure('cohortSrlToOpportunityRate'),
  cohortOpportunityToWon: figure('cohortOpportunityToWonRate'),
  cohortLeadToWon: figure('cohortLeadToWonRate'),
  cohortMedianDaysToSalesReady: figure('cohortMedianDaysToSrl'),
  cohortP75DaysToSalesReady: figure('cohortP75DaysToSrl'),
  stepConversion:
    'Step conversion: of the leads that reached the previous stage, the share that reached this one.',
  cumulativeConversion: 'Cumulative conversion: of the leads created, the share that reached this stage.',
  dropOff: 'Drop-off: leads that reached the previous stage but not this one.',
  medianDaysInStage: 'Median days in stage: from reaching this stage to reaching any later one.',
  cohortView: term('Cohort view'),
  periodView: term('Period view'),
  // Pacing and the gap (PRODUCT.md, "Pacing and the gap"; docs/pacing.md)
  pipelineCreated: figure('pipelineCreated'),
  target: 'Target: the goal set for the fiscal quarter, company-wide or for one source.',
  actualToDate:
    'Actual to date: events counted in the quarter up to the end of the as-of day, in the company time zone.',
  expectedToDate: term('Expected to date'),
  pacing: term('Pacing'),
  projection:
    'Projection to quarter end: actual to date + the run rate of what is still to be created + the conversion still expected from leads already in the funnel (historical stage conversion and lag).',
  projectionRange: term('Range (P10–P90)'),
  trackRecord: term('Track record'),
  gap: 'Gap = target − projection. Positive means the quarter is projected to end short of target.',
  shareOfGap:
    'Share of the gap: a short source’s gap ÷ the sum of the short sources’ gaps (the shortfall). The shares add up to 100%; sources ahead of their part offset the gap instead of taking a share, and shortfall − offset = the gap.',
  allocatedTarget:
    'The part of the overall target this source is measured against: its own target, or the rest of the overall target shared by its historical share of the metric.',
  unallocated:
    'Target not allocated to a source: own targets adding up to more or less than the overall one, with no source left to hand the difference to.',
  cause:
    'Cause: the driver furthest below par for the source — volume (leads), conversion (lead → SRL), speed (days to SRL), opportunity rate or win rate.',
  volume: 'Volume: leads so far ÷ leads usually expected by this day. Below 90% counts as a cause.',
  conversion:
    'Conversion: this quarter’s leads reaching SRL against what the historical curves expect for their age. Below 90% counts as a cause.',
  speed:
    'Speed: median days created → SRL this quarter ÷ the same median in past quarters. Above 120% (slower) counts as a cause.',
  opportunityRate: 'Opportunity rate: SRL → opportunity this quarter against the historical curve.',
  winRate: 'Win rate: opportunity → won (by amount) this quarter against the historical curve.',
  requiredPerWeek:
    'Needed per week: (target − actual to date) ÷ weeks remaining — the pace that reaches target.',
  projectedPerWeek:
    'Projected per week: (projection − actual to date) ÷ weeks remaining — the pace the projection assumes.',
  feederPerWeek:
    'Feeder per week: the extra input needed each remaining week to close the gap, at the source’s historical in-quarter yield (what converts before quarter end). It climbs steeply late in a quarter.',
  runRate: 'Run rate: what is still to be created this quarter at the recent pace, along the usual shape.',
  funnel:
    'Funnel: conversion still expected from leads already in the funnel, by historical stage conversion and lag.',
  asOf: 'As of: figures read only what was known by the end of this day — e.g. what the dashboard said in week 3.',
  startingPipeline: figure('nextQuarter.startingPipeline'),
  coverage: figure('nextQuarter.coverage'),
  coverageNeeded: figure('nextQuarter.coverageNeeded'),
  slippage: figure('nextQuarter.slippage'),
  openPipelineNow: figure('nextQuarter.openPipeline'),
  nextQuarterWinRate: figure('nextQuarter.winRate'),
  requiredPipeline: figure('nextQuarter.requiredPipeline'),
  // Hand-off health
  speedToLead:
    'Speed to lead: first sales follow-up − sales_ready_at, in hours, for the leads that became sales-ready in the period. A marketing touch, or a sales touch before the lead was sales-ready, is not a follow-up.',
  medianHours: 'Median hours from sales-ready to the first sales follow-up, of the leads followed up.',
  p75Hours:
    '75th percentile: three in four followed-up SRLs got their first sales touch within this many hours.',
  slaAttainment: figure('slaAttainment'),
  breached: 'Breached: followed up after the SLA, or not at all with the SLA over.',
  pending: 'Pending: not followed up yet, still inside the SLA.',
  acceptedRate: 'Accepted rate: SRLs accepted by sales (SAL) ÷ SRLs.',
  rejectedRate: 'Rejected rate: SRLs never accepted and sent back (disqualified or recycled) ÷ SRLs.',
  disqualifiedRate: 'Disqualified rate: SRLs disqualified after becoming sales-ready ÷ SRLs.',
  neglected: figure('neglectedSrls'),
  stalled: figure('stalledSrls'),
  hoursWaiting: 'Waiting: time since the lead became sales-ready, with no sales touch since.',
  daysIdle: 'Idle: days since the last touch (either side) or stage change.',
} as const;

export type FigureKey = keyof typeof definitions;
