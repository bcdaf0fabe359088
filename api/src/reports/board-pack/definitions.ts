/**
 * The definition of every figure in the board pack, in the words of docs/metrics.md and
 * docs/pacing.md (markdown marks dropped). A test checks that each text is found in its document,
 * so the appendix cannot drift from the definitions the figures are computed by. Kept as a module
 * rather than read from the docs at run time: a serverless bundle ships no docs folder.
 */
export interface Definition {
  term: string;
  text: string;
  doc: 'docs/metrics.md' | 'docs/pacing.md';
}

export interface DefinitionGroup {
  title: string;
  items: Definition[];
}

const metrics = (term: string, text: string): Definition => ({ term, text, doc: 'docs/metrics.md' });
const pacing = (term: string, text: string): Definition => ({ term, text, doc: 'docs/pacing.md' });

export const definitionGroups: DefinitionGroup[] = [
  {
    title: 'Periods and views',
    items: [
      metrics(
        'Period',
        'A period is a range of calendar days [from, to) in the company time zone (setting settings.timezone); to is exclusive.',
      ),
      metrics(
        'Comparisons (QoQ, YoY)',
        'the period, the previous period of the same length (the previous fiscal quarter for a quarter) and the same period a year before, computed by the server with the same filters.',
      ),
      metrics('Period view', 'events counted in the period they happened.'),
      metrics('Cohort view', 'leads created in the period, followed to today.'),
      metrics(
        'Conversion',
        'Stage-to-stage conversion = leads that reached the later stage ÷ leads that reached the earlier one.',
      ),
    ],
  },
  {
    title: 'Executive summary',
    items: [
      metrics('Lead volume', 'leads created in the period'),
      metrics('SRLs', 'leads that became sales-ready in the period'),
      metrics(
        'SRL rate (lead quality)',
        'SRLs ÷ leads: of the leads created in the period, the share sales-ready by now',
      ),
      metrics(
        'Time-to-sales-ready',
        'sales_ready_at − created_at in days, for leads that became SRL in the period; median and p75',
      ),
      metrics('Won revenue', 'amount of won deals in the period'),
      metrics('MQLs', 'leads that became MQL in the period'),
      metrics('Mean BANT score', 'mean BANT score of the leads created in the period'),
      metrics(
        'Touches to sales-ready',
        "marketing touches (events) between created_at and sales_ready_at (both included), for the period's SRLs; median, and the share with 7 to 15 (both included)",
      ),
      metrics('Opportunities', 'leads that became an opportunity in the period'),
      metrics('Pipeline', 'open opportunity amount at the end of the period'),
      metrics('Won / lost', 'deals won in the period; deals lost in the period (and not won in it)'),
      metrics('Win rate', 'won ÷ (won + lost), of the deals closed in the period'),
      metrics('Sales cycle', 'median days created_at → won_at for deals won in the period'),
      metrics(
        'Lead velocity rate',
        '(SRLs − SRLs of the previous period of the same length) ÷ SRLs of the previous period',
      ),
    ],
  },
  {
    title: 'Pacing and the gap',
    items: [
      pacing('Pipeline (pacing)', 'amount of opportunities created in the quarter'),
      pacing(
        'Expected to date',
        "For each metric and source, the share of a quarter's final usually reached by this day",
      ),
      pacing(
        'Pacing',
        'pacing = actualToDate ÷ expectedToDate; null when the expected is null or 0 (never NaN).',
      ),
      pacing(
        'Projection',
        "projection = actualToDate + runRate + funnel, per source; the overall projection is the sum of the sources' (leads without a source form their own row)",
      ),
      pacing(
        'Range',
        'P10 and P90 of e (percentile_cont) scale the still-to-come part: low = actual + rest × min(P10, 1), high = actual + rest × max(P90, 1).',
      ),
      pacing('Gap', 'gap = target − projection: positive means short. Null without a target.'),
    ],
  },
  {
    title: 'Sources and marketing contribution',
    items: [
      metrics(
        'Spend',
        "The spend of a range is each month's amount × the days of that month inside the range ÷ the days of the month (a quarter gets its three months whole).",
      ),
      metrics('Cost per lead, cost per SRL', 'spend ÷ leads, spend ÷ salesReady'),
      metrics(
        'Sourced and influenced',
        "A deal is marketing-sourced when its lead's source is in a marketing category; marketing-influenced when a marketing touch happened within the influence window before the opportunity.",
      ),
      metrics(
        'Influence window',
        'a setting (settings.influence_window_days, 1–730 days, default 90): a touch counts when it is before the opportunity and no more than that many days before it',
      ),
      metrics(
        'Overlap',
        'The two overlap (a marketing-sourced deal with a touch is both) and are never added together.',
      ),
      metrics('First touch', "all of the deal's amount to the source of its first counted touch."),
      metrics(
        'Last touch',
        'all of it to the source of the last counted touch at or before sales_ready_at (before the win when the lead never became sales-ready).',
      ),
      metrics('Linear', 'the amount split equally over the counted touches.'),
    ],
  },
  {
    title: 'Funnel and cohorts',
    items: [
      metrics(
        'Step conversion',
        'of the leads that reached the previous stage (in the view), the share that reached this one (any time).',
      ),
      metrics(
        'Cumulative conversion',
        'of the leads created in the range, the share that reached this stage (to date).',
      ),
      metrics(
        'Median days in stage',
        'days from reaching the stage to reaching any later stage for the first time',
      ),
      metrics(
        'Cohort conversion at N days',
        "the share of the cohort's leads that became sales-ready within N days of creation",
      ),
      metrics('Young cohorts', 'dN is null until the whole cohort is N days old'),
    ],
  },
  {
    title: 'Hand-off health',
    items: [
      pacing('First follow-up', 'the first sales touch at or after sales_ready_at'),
      pacing(
        'Within SLA / breached / pending',
        'followed up within settings.sla_hours / late or not at all with the SLA over / not yet, still inside it',
      ),
      pacing('SLA attainment', 'withinSla ÷ (withinSla + breached)'),
      pacing('Accepted rate', 'accepted (accepted_at) ÷ SRLs'),
      pacing('Rejected rate', 'never accepted and sent back (status disqualified or recycled) ÷ SRLs'),
      pacing(
        'Neglected',
        'sales-ready, still open (status open, not won, lost or disqualified), the SLA elapsed, and no sales touch since becoming sales-ready',
      ),
      pacing(
        'Stalled',
        'sales-ready and still open (at SRL, accepted or opportunity), with no touch (either side) and no stage change for settings.stalled_days',
      ),
    ],
  },
];
