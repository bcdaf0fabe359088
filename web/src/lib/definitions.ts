/**
 * What each figure means, in the words of the product spec (docs/metrics.md): shown as the
 * tooltip of every heading, tile and cell that carries the figure.
 */
export const definitions = {
  leads: 'Lead volume: leads created in the period.',
  mqls: 'MQLs: leads that became marketing qualified (MQL) in the period.',
  salesReady:
    'SRLs: leads that became sales-ready in the period (BANT-qualified, a.k.a. SQL). The sales-ready rule is a setting (default: BANT score = 4, or an explicit sales-ready timestamp from the CRM).',
  salesReadyRate: 'Lead quality: SRL rate = SRLs ÷ leads, of the leads created in the period.',
  medianDaysToSalesReady:
    'Time-to-sales-ready: sales_ready_at − created_at in days, for leads that became SRL in the period; the median (the distribution is skewed). Lower is better.',
  p75DaysToSalesReady:
    'Time-to-sales-ready, 75th percentile: three in four SRLs got there within this many days. Lower is better.',
  opportunities: 'Opportunities: leads that became an opportunity in the period.',
  won: 'Won: deals won in the period.',
  wonRate: 'Lead → won: leads that reached won ÷ leads.',
  leadToSalesReady: 'Lead → SRL: leads that became sales-ready ÷ leads.',
  salesReadyToOpportunity: 'SRL → opportunity: SRLs that became an opportunity ÷ SRLs.',
  opportunityToWon: 'Opportunity → won: opportunities that were won ÷ opportunities.',
  revenue: 'Won revenue: amount of deals won in the period.',
  spend: 'Spend recorded for the source in the period (monthly spend prorated by day).',
  costPerLead: 'Cost per lead: spend ÷ leads, where spend is known.',
  costPerSalesReady: 'Cost per SRL: spend ÷ SRLs, where spend is known.',
  pipeline: 'Pipeline: open opportunity amount at the end of the period.',
  sourced: "Marketing-sourced: the deal's lead comes from a source in a marketing category.",
  influenced:
    'Marketing-influenced: a marketing touch happened before the opportunity. Overlaps sourced: never add the two.',
  firstTouch: 'First-touch: all of a won deal goes to the source of its first marketing touch.',
  lastTouch: 'Last-touch: all of a won deal goes to the source of its last marketing touch before SRL.',
  linear: 'Linear: a won deal is split evenly over its marketing touches up to the win.',
  bantScore: 'BANT score: the number of budget, authority, need and timeframe confirmed (0–4).',
  score: 'Lead score (0–100), as imported from the CRM.',
  ageDays: 'Age: days since the lead was created.',
  lastTouchAt: 'Last touch: the latest marketing or sales touch recorded for the lead.',
  amount: 'Amount of the deal, when the lead became one.',
  stepConversion:
    'Step conversion: of the leads that reached the previous stage, the share that reached this one.',
  cumulativeConversion: 'Cumulative conversion: of the leads created, the share that reached this stage.',
  dropOff: 'Drop-off: leads that reached the previous stage but not this one.',
  medianDaysInStage: 'Median days in stage: from reaching this stage to reaching any later one.',
  cohortView:
    'Cohort view: leads created in the period, followed to today — every stage they reached counts, whenever it happened.',
  periodView: 'Period view: events counted in the period they happened, whenever the lead was created.',
} as const;

export type FigureKey = keyof typeof definitions;
