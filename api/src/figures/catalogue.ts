/**
 * Every figure the product shows, once: id, one label, unit, basis, definition. `/api/figures`, the web
 * app's labels and tooltips, the PDF's definitions and docs/metrics.md read it (a test holds the docs to
 * it). Plain data with no imports: the web app bundles it and a serverless function ships it.
 *
 * One file over 400 lines on purpose: it is one table, and its order is the glossary page's, the PDF's and
 * the docs'. Labels that must read apart ("SRLs": became sales-ready in the period; "Reached sales-ready":
 * of the period's leads, by today) sit in different sections; split by family, no file shows them together.
 */

export type FigureUnit = 'count' | 'rate' | 'currency' | 'days' | 'ratio';
/** period: events counted when they happened; cohort: the period's leads followed to today; snapshot: a state at an instant. */
export type FigureBasis = 'period' | 'cohort' | 'snapshot';

export type FigureSection =
  | 'Volume and quality'
  | 'Pipeline and revenue'
  | 'Cohort of the period’s leads'
  | 'Cost'
  | 'Marketing contribution'
  | 'Pacing and the gap'
  | 'Hand-off';

export interface FigureEntry {
  id: string;
  label: string;
  unit: FigureUnit;
  basis: FigureBasis;
  section: FigureSection;
  /** One sentence a board member understands, without this codebase. */
  definition: string;
  /** How the same figure reads once its quarter has ended, where that differs (no projection is left). */
  closedDefinition?: string;
}

const f = <I extends string>(
  id: I,
  label: string,
  unit: FigureUnit,
  basis: FigureBasis,
  section: FigureSection,
  definition: string,
): FigureEntry & { id: I } => ({ id, label, unit, basis, section, definition });

/** The paced metrics' names, as their own figures are labelled. */
export const pacedNames = {
  leads: 'Leads',
  srls: 'SRLs',
  pipelineCreated: 'Pipeline created',
  wonRevenue: 'Won revenue',
} as const;

const volume = 'Volume and quality' as const;
const money = 'Pipeline and revenue' as const;
const cohort = 'Cohort of the period’s leads' as const;
const cost = 'Cost' as const;
const marketing = 'Marketing contribution' as const;
const pacing = 'Pacing and the gap' as const;
const handoff = 'Hand-off' as const;

export const figureCatalogue = [
  // Volume and quality
  f('leads', 'Leads', 'count', 'period', volume, 'Leads created in the period.'),
  f('mqls', 'MQLs', 'count', 'period', volume, 'Leads that became marketing qualified (MQL) in the period.'),
  f(
    'srls',
    'SRLs',
    'count',
    'period',
    volume,
    'Sales-ready leads: leads that became sales-ready (qualified on budget, authority, need and timeframe) in the period.',
  ),
  f(
    'srlRate',
    'SRL rate',
    'rate',
    'cohort',
    volume,
    'Lead quality: of the leads created in the period, the share that became sales-ready by today. Compared as of the same day of the comparison quarter while a quarter is in progress.',
  ),
  f(
    'medianDaysToSrl',
    'Median days to SRL',
    'days',
    'period',
    volume,
    'Median days from creation to sales-ready, of the leads that became sales-ready in the period.',
  ),
  f(
    'p75DaysToSrl',
    'Days to SRL (p75)',
    'days',
    'period',
    volume,
    'Three in four of the period’s SRLs became sales-ready within this many days of creation.',
  ),
  f(
    'meanBantScore',
    'Mean BANT score',
    'ratio',
    'cohort',
    volume,
    'Mean number of budget, authority, need and timeframe confirmed (0–4), of the leads created in the period.',
  ),
  f(
    'medianTouchesToSrl',
    'Median touches to SRL',
    'count',
    'period',
    volume,
    'Median marketing touches between creation and sales-ready, of the period’s SRLs.',
  ),
  f(
    'touches7To15Share',
    'SRLs with 7–15 touches',
    'rate',
    'period',
    volume,
    'Share of the period’s SRLs that took 7 to 15 marketing touches, the usual band.',
  ),
  f(
    'leadVelocityRate',
    'Lead velocity rate',
    'rate',
    'period',
    volume,
    'Growth of SRLs against the previous period of the same length: (SRLs − previous SRLs) ÷ previous SRLs.',
  ),
  // Pipeline and revenue
  f(
    'opportunities',
    'Opportunities',
    'count',
    'period',
    money,
    'Leads that became an opportunity in the period.',
  ),
  f('won', 'Deals won', 'count', 'period', money, 'Deals won in the period.'),
  f('lost', 'Deals lost', 'count', 'period', money, 'Deals lost in the period (and not won in it).'),
  f('wonRevenue', 'Won revenue', 'currency', 'period', money, 'Amount of the deals won in the period.'),
  f(
    'openPipeline',
    'Open pipeline',
    'currency',
    'snapshot',
    money,
    'Amount of the opportunities open at the end of the period (now, for a period in progress).',
  ),
  f(
    'pipelineCreated',
    'Pipeline created',
    'currency',
    'period',
    money,
    'Amount of the opportunities created in the period: the flow of new pipeline that pipeline targets count.',
  ),
  f(
    'winRate',
    'Win rate',
    'rate',
    'period',
    money,
    'Of the deals closed in the period, the share won: won ÷ (won + lost).',
  ),
  f(
    'salesCycleDays',
    'Sales cycle (median days)',
    'days',
    'period',
    money,
    'Median days from creation to won, of the deals won in the period.',
  ),
  // The period's leads, followed to today (the cohort view)
  f(
    'cohortMqls',
    'Reached MQL',
    'count',
    'cohort',
    cohort,
    'Of the leads created in the period, those that became MQL by today.',
  ),
  f(
    'cohortSrls',
    'Reached sales-ready',
    'count',
    'cohort',
    cohort,
    'Of the leads created in the period, those that became sales-ready by today.',
  ),
  f(
    'cohortOpportunities',
    'Reached opportunity',
    'count',
    'cohort',
    cohort,
    'Of the leads created in the period, those that became an opportunity by today.',
  ),
  f(
    'cohortWon',
    'Reached won',
    'count',
    'cohort',
    cohort,
    'Of the leads created in the period, those won by today.',
  ),
  f(
    'cohortRevenue',
    'Revenue from these leads',
    'currency',
    'cohort',
    cohort,
    'Amount won by today from the leads created in the period, whenever it was won.',
  ),
  f(
    'cohortSrlToOpportunityRate',
    'SRL → opportunity (cohort)',
    'rate',
    'cohort',
    cohort,
    'Of the period’s leads that reached sales-ready, the share that became an opportunity by today.',
  ),
  f(
    'cohortOpportunityToWonRate',
    'Opportunity → won (cohort)',
    'rate',
    'cohort',
    cohort,
    'Of the period’s leads that became an opportunity, the share won by today.',
  ),
  f(
    'cohortLeadToWonRate',
    'Lead → won (cohort)',
    'rate',
    'cohort',
    cohort,
    'Of the leads created in the period, the share won by today.',
  ),
  f(
    'cohortMedianDaysToSrl',
    'Median days to SRL (cohort)',
    'days',
    'cohort',
    cohort,
    'Median days from creation to sales-ready, of the period’s leads that became sales-ready by today.',
  ),
  f(
    'cohortP75DaysToSrl',
    'Days to SRL, p75 (cohort)',
    'days',
    'cohort',
    cohort,
    'Three in four of the period’s leads that became sales-ready did so within this many days.',
  ),
  // Cost
  f(
    'spend',
    'Marketing spend',
    'currency',
    'period',
    cost,
    'Spend recorded in the period (monthly spend prorated by day).',
  ),
  f('costPerLead', 'Cost per lead', 'currency', 'period', cost, 'Spend ÷ leads created in the period.'),
  f('costPerSrl', 'Cost per SRL', 'currency', 'period', cost, 'Spend ÷ SRLs of the period.'),
  f(
    'cohortCostPerSrl',
    'Cost per lead reaching SRL',
    'currency',
    'cohort',
    cost,
    'Spend ÷ the period’s leads that reached sales-ready by today.',
  ),
  f(
    'costPerOpportunity',
    'Cost per opportunity',
    'currency',
    'period',
    cost,
    'Spend ÷ opportunities opened in the period.',
  ),
  f(
    'cohortCostPerOpportunity',
    'Cost per lead reaching opportunity',
    'currency',
    'cohort',
    cost,
    'Spend ÷ the period’s leads that became opportunities by today.',
  ),
  f('costPerWonDeal', 'Cost per won deal', 'currency', 'period', cost, 'Spend ÷ deals won in the period.'),
  f(
    'cohortCostPerWonDeal',
    'Cost per lead won',
    'currency',
    'cohort',
    cost,
    'Spend ÷ the period’s leads won by today.',
  ),
  f(
    'salesCost',
    'Sales cost',
    'currency',
    'period',
    cost,
    'The sales team’s cost recorded in the period (monthly, prorated by day), shared among sources by their opportunities.',
  ),
  f(
    'cac',
    'CAC',
    'currency',
    'period',
    cost,
    'Customer acquisition cost: (spend + sales cost) ÷ deals won in the period.',
  ),
  f(
    'cohortCac',
    'CAC of the leads won',
    'currency',
    'cohort',
    cost,
    'Customer acquisition cost: (spend + sales cost) ÷ the period’s leads won by today.',
  ),
  // Marketing contribution
  f(
    'marketingSourcedPipeline',
    'Marketing-sourced pipeline',
    'currency',
    'snapshot',
    marketing,
    'Open pipeline whose lead came from a marketing source.',
  ),
  f(
    'marketingInfluencedPipeline',
    'Marketing-influenced pipeline',
    'currency',
    'snapshot',
    marketing,
    'Open pipeline with a marketing touch within the influence window before the opportunity.',
  ),
  f(
    'marketingSourcedRevenue',
    'Marketing-sourced revenue',
    'currency',
    'period',
    marketing,
    'Won revenue whose lead came from a marketing source.',
  ),
  f(
    'marketingInfluencedRevenue',
    'Marketing-influenced revenue',
    'currency',
    'period',
    marketing,
    'Won revenue with a marketing touch within the influence window before the opportunity.',
  ),
  // Pacing and the gap (fiscal quarters)
  ...(['leads', 'srls', 'pipelineCreated', 'wonRevenue'] as const).flatMap((metric) => {
    const unit: FigureUnit = metric === 'pipelineCreated' || metric === 'wonRevenue' ? 'currency' : 'count';
    const name = pacedNames[metric];
    const inText = metric === 'srls' ? name : name.toLowerCase();
    return [
      f(
        `target.${metric}` as const,
        `${name} target`,
        unit,
        'period',
        pacing,
        `The quarter’s target for ${inText}.`,
      ),
      f(
        `projection.${metric}` as const,
        `Projected ${inText}`,
        unit,
        'period',
        pacing,
        `${name} expected by the quarter’s end: what happened so far, what is still to be created at the recent pace, and what the funnel is still expected to convert.`,
      ),
      {
        ...f(
          `gap.${metric}` as const,
          `${name} gap`,
          unit,
          'period',
          pacing,
          `Target − projection for ${inText}: positive means short.`,
        ),
        closedDefinition: `Target − actual for ${inText}, once the quarter has ended: positive means short.`,
      },
    ];
  }),
  // Next quarter's starting pipeline, as projected from this quarter's (the Pacing page's next-quarter card)
  f(
    'nextQuarter.openPipeline',
    'Open pipeline not gone cold',
    'currency',
    'snapshot',
    pacing,
    'Amount of the opportunities open at the cutoff that were created within the last 365 days: the ones the projection expects may still close.',
  ),
  f(
    'nextQuarter.startingPipeline',
    'Projected starting pipeline',
    'currency',
    'period',
    pacing,
    'Open opportunity amount expected still open on the next quarter’s first day, plus the pipeline still to be created this quarter that usually stays open.',
  ),
  f(
    'nextQuarter.winRate',
    'Win rate by amount',
    'rate',
    'period',
    pacing,
    'Of the opportunities closed in the history quarters, the share of the amount won: won ÷ (won + lost) amount.',
  ),
  f(
    'nextQuarter.slippage',
    'Slippage',
    'rate',
    'period',
    pacing,
    'Of the pipeline open on the first day of the history quarters, the share (by amount) still open on their last day, neither won nor lost.',
  ),
  f(
    'nextQuarter.coverageNeeded',
    'Coverage needed',
    'ratio',
    'period',
    pacing,
    'The pipeline a quarter must start with per unit of its revenue target: 1 ÷ (win rate by amount × (1 − slippage)), not a flat 3×.',
  ),
  f(
    'nextQuarter.requiredPipeline',
    'Pipeline needed',
    'currency',
    'period',
    pacing,
    'Next quarter’s revenue target × coverage needed: the pipeline it should start with.',
  ),
  f(
    'nextQuarter.coverage',
    'Pipeline coverage',
    'ratio',
    'period',
    pacing,
    'Projected starting pipeline ÷ next quarter’s revenue target.',
  ),
  // The pipeline waterfall between two dates (open opportunities, by amount)
  f(
    'waterfall.starting',
    'Pipeline at the start',
    'currency',
    'snapshot',
    money,
    'Amount of the open opportunities at the end of the first day; for a quarter, those expected to close in it or not yet dated.',
  ),
  f(
    'waterfall.new',
    'New pipeline',
    'currency',
    'period',
    money,
    'Amount of opportunities created, or reopened, between the two dates and open at the end.',
  ),
  f(
    'waterfall.pulledIn',
    'Pulled in',
    'currency',
    'period',
    money,
    'Amount of open opportunities whose expected close moved into the window between the two dates.',
  ),
  f(
    'waterfall.pushedOut',
    'Pushed out',
    'currency',
    'period',
    money,
    'Amount of open opportunities whose expected close moved out of the window between the two dates, at their starting amount.',
  ),
  f(
    'waterfall.increased',
    'Increased',
    'currency',
    'period',
    money,
    'Growth in the amount of opportunities open at both dates.',
  ),
  f(
    'waterfall.decreased',
    'Decreased',
    'currency',
    'period',
    money,
    'Shrinkage in the amount of opportunities open at both dates.',
  ),
  f(
    'waterfall.won',
    'Pipeline won',
    'currency',
    'period',
    money,
    'Starting amount of the opportunities won between the two dates.',
  ),
  f(
    'waterfall.lost',
    'Pipeline lost',
    'currency',
    'period',
    money,
    'Starting amount of the opportunities lost, disqualified or gone cold (no stage change for a year) between the two dates.',
  ),
  f(
    'waterfall.ending',
    'Pipeline at the end',
    'currency',
    'snapshot',
    money,
    'Amount of the open opportunities at the end of the second day: the start + new + pulled in − pushed out + increased − decreased − won − lost.',
  ),
  // Hand-off
  f(
    'medianDaysToFollowUp',
    'Speed to lead (median)',
    'days',
    'period',
    handoff,
    'Median time from sales-ready to the first sales follow-up, of the period’s SRLs followed up (shown in hours where it is short).',
  ),
  f(
    'slaAttainment',
    'SLA attainment',
    'rate',
    'period',
    handoff,
    'Of the period’s SRLs whose follow-up window has closed, the share followed up within the SLA.',
  ),
  f(
    'neglectedSrls',
    'Neglected SRLs',
    'count',
    'snapshot',
    handoff,
    'SRLs of the period still open, past the SLA, with no sales follow-up: waiting now.',
  ),
  f(
    'stalledSrls',
    'Stalled SRLs',
    'count',
    'snapshot',
    handoff,
    'SRLs of the period still open with no touch and no stage change for the number of days the company counts as stalled.',
  ),
] as const satisfies readonly FigureEntry[];

export type FigureId = (typeof figureCatalogue)[number]['id'];

const byId = new Map<string, FigureEntry>(figureCatalogue.map((e) => [e.id, e]));

/** The catalogue entry of a figure id (throws on an id not in the catalogue: a typo is a bug). */
export function figureEntry(id: FigureId | string): FigureEntry {
  const entry = byId.get(id);
  if (!entry) throw new Error(`no figure ${id} in the catalogue`);
  return entry;
}

/** Terms the figures rely on, defined beside them in the glossary (the app, the PDF, docs/metrics.md). */
export const glossary = [
  {
    term: 'Period',
    text: 'A range of calendar days in the company’s time zone; a fiscal quarter unless chosen otherwise.',
  },
  { term: 'SRL', text: 'Sales-ready lead: qualified on budget, authority, need and timeframe (BANT).' },
  { term: 'Period view', text: 'Events counted in the period they happened, whenever the lead was created.' },
  {
    term: 'Cohort view',
    text: 'The leads created in the period, followed to today: every stage they reached counts, whenever it happened.',
  },
  {
    term: 'Comparisons',
    text: 'Against the previous quarter and the same quarter a year before. While a quarter is in progress both are cut to the same day, and rates count only what their leads had reached by that day.',
  },
  {
    term: 'Expected to date',
    text: 'The target × the share of a quarter’s final usually reached by this day, from the shape of past quarters.',
  },
  { term: 'Pacing', text: 'Actual to date ÷ expected to date: 100% is on track for the target.' },
  {
    term: 'Range (P10–P90)',
    text: 'How far past quarters’ finals strayed from what their first days predicted: the quarter usually ends inside it. For the whole company, once four past quarters are on record, it is set from the forecast’s own misses at this week of those quarters.',
  },
  {
    term: 'Track record',
    text: 'How the same projection did at this week of past quarters: how often it came within 10% of the final, its median miss and lean, and how often its range held the final.',
  },
  {
    term: 'Share of the gap',
    text: 'A short source’s shortfall ÷ all short sources’ shortfalls; sources ahead of target are shown as covering part of the gap.',
  },
  {
    term: 'SLA',
    text: 'Service level agreement: the hours within which sales has agreed to follow up a new SRL.',
  },
  {
    term: 'p75',
    text: 'The 75th percentile: three in four of the leads counted took this long or less.',
  },
] as const;
