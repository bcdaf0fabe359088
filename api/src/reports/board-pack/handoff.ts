import { formatCount, formatHours, formatRate } from '../format';
import type { BoardPackData } from './data';
import type { Layout } from './layout';

/** Hand-off health: how fast and how reliably sales picks up the quarter's SRLs. */
export function drawHandoff(layout: Layout, data: BoardPackData): void {
  const { overall, bySource, reasons } = data.handoff;
  layout.section(
    'Hand-off health',
    `The leads that became sales-ready in the quarter: speed to the first sales follow-up against the ${data.slaHours} h SLA, acceptance, and the leads still waiting.`,
    'handoff',
  );
  layout.tiles(
    [
      { label: 'SLA attainment', value: formatRate(overall.slaAttainment) },
      { label: 'Median hours to follow-up', value: formatHours(overall.medianHours) },
      { label: 'P75 hours to follow-up', value: formatHours(overall.p75Hours) },
      { label: 'Accepted by sales', value: formatRate(overall.acceptedRate) },
      { label: 'Rejected (sent back)', value: formatRate(overall.rejectedRate) },
      { label: 'Disqualified after SRL', value: formatRate(overall.disqualifiedRate) },
      {
        label: 'Neglected SRLs now',
        value: formatCount(data.neglected),
        notes: [{ text: `no follow-up within ${data.slaHours} h`, tone: data.neglected ? 'bad' : 'neutral' }],
      },
      {
        label: 'Stalled leads now',
        value: formatCount(data.stalled),
        notes: [{ text: `no activity for ${data.stalledDays} days`, tone: data.stalled ? 'bad' : 'neutral' }],
      },
      {
        label: 'SRLs handed over',
        value: formatCount(overall.salesReady),
        notes: [
          {
            text: `${formatCount(overall.withinSla)} in SLA · ${formatCount(overall.breached)} late · ${formatCount(overall.pending)} pending`,
            tone: 'neutral',
          },
        ],
      },
    ],
    3,
  );
  layout.heading('By source');
  layout.table(
    [
      { header: 'Source', width: 0.25 },
      { header: 'SRLs', width: 0.09, align: 'right' },
      { header: 'Followed up', width: 0.11, align: 'right' },
      { header: 'SLA attainment', width: 0.13, align: 'right' },
      { header: 'Median hours', width: 0.12, align: 'right' },
      { header: 'P75 hours', width: 0.1, align: 'right' },
      { header: 'Accepted', width: 0.1, align: 'right' },
      { header: 'Rejected', width: 0.1, align: 'right' },
    ],
    bySource.map((s) => ({
      cells: [
        s.source,
        formatCount(s.salesReady),
        formatCount(s.followedUp),
        formatRate(s.slaAttainment),
        formatHours(s.medianHours),
        formatHours(s.p75Hours),
        formatRate(s.acceptedRate),
        formatRate(s.rejectedRate),
      ],
    })),
    { caption: 'Hand-off by source' },
  );
  if (reasons.length) {
    layout.heading('Why SRLs were disqualified');
    layout.table(
      [
        { header: 'Reason', width: 0.6 },
        { header: 'SRLs', width: 0.2, align: 'right' },
        { header: 'Share', width: 0.2, align: 'right' },
      ],
      reasons.map((r) => ({ cells: [r.reason, formatCount(r.count), formatRate(r.share)] })),
      { caption: 'Disqualify reasons' },
    );
  }
}
