import { FunnelTable } from '../../../components/funnel-table';
import { formatInteger } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';

type Funnel = SharedPack['funnel'];

/** The quarter's cohort through the funnel: a bar per stage, how many went on, how long they took. */
export function SharedFunnel({ funnel }: { funnel: Funnel }) {
  const a = funnel.anomalies;
  return (
    <>
      <div className="shared-table">
        <FunnelTable
          funnel={funnel}
          view="cohort"
          testIds={{ table: 'shared-funnel-table', row: (stage) => `shared-funnel-${stage}` }}
        />
      </div>
      <div className="shared-block">
        <p className="shared-note">
          Data quality: of {formatInteger(a.leadsInScope)} leads, {formatInteger(a.skippedAny)} skipped a
          stage and {formatInteger(a.outOfOrder)} have stage times out of order; they are counted as recorded,
          never given invented times.
        </p>
      </div>
    </>
  );
}
