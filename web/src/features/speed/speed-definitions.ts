/** What each figure of the page means, in the words of docs/metrics.md ("Time to sales-ready"). */
export const speedDefinitions = {
  salesReady: 'SRLs: leads that became sales-ready in the period.',
  medianDays:
    'Time to sales-ready: sales_ready_at − created_at in days, for leads that became SRL in the period; the median (the distribution is skewed). Lower is faster.',
  p75Days:
    'Time to sales-ready, 75th percentile: three in four of the period’s SRLs got there within this many days.',
  medianTouches:
    'Touches to sales-ready: marketing touches between created_at and sales_ready_at (both included), for the period’s SRLs; the median.',
  share7To15:
    'Share of the period’s SRLs that took 7 to 15 marketing touches (both included): the band most B2B leads need.',
  leftOut:
    'SRLs recorded as sales-ready before they were created (imported data does not guarantee stage order) are counted, but left out of the days and touches.',
};
