import { formatHours, formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';
import { FigureList } from './shared-figure-list';

/** How fast and how reliably sales picked up the quarter's SRLs, in headline figures. */
export function SharedHandoff({ handoff }: { handoff: SharedPack['handoff'] }) {
  const o = handoff.overall;
  return (
    <FigureList
      columns={3}
      testId="shared-handoff-figures"
      items={[
        {
          label: 'SLA attainment',
          value: formatRate(o.slaAttainment),
          note: `followed up within ${handoff.slaHours} h, of those due`,
        },
        { label: 'Median time to follow-up', value: formatHours(o.medianHours) },
        { label: 'P75 time to follow-up', value: formatHours(o.p75Hours) },
        { label: 'Accepted by sales', value: formatRate(o.acceptedRate) },
        { label: 'Rejected (sent back)', value: formatRate(o.rejectedRate) },
        { label: 'Disqualified after SRL', value: formatRate(o.disqualifiedRate) },
        {
          label: 'SRLs handed over',
          value: formatInteger(o.salesReady),
          note: `${formatInteger(o.withinSla)} in SLA · ${formatInteger(o.breached)} late · ${formatInteger(o.pending)} pending`,
        },
        {
          label: 'Neglected SRLs now',
          value: formatInteger(handoff.neglected),
          note: `no follow-up within ${handoff.slaHours} h`,
          tone: handoff.neglected > 0 ? 'bad' : 'neutral',
        },
        {
          label: 'Stalled leads now',
          value: formatInteger(handoff.stalled),
          note: `no activity for ${handoff.stalledDays} days`,
          tone: handoff.stalled > 0 ? 'bad' : 'neutral',
        },
      ]}
    />
  );
}
