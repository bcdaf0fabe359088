import { useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { ErrorState } from '../../../components/error-state';
import { type CardQuery, QueryState } from '../../../components/query-card';
import { useCompanySettings } from '../../../lib/company-settings';
import { quarterName } from '../../../lib/quarters';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
import { type SourceEntry, useSources } from '../api/get-sources';
import { type TargetEntry, useTargets } from '../api/get-targets';
import { useTargetsUrl } from '../targets-url';
import { QuarterStepper } from './quarter-stepper';
import { TargetsForm, TargetsSkeleton } from './targets-form';

/** Targets per quarter: each metric for the company and for each source, the yardstick of pacing and the gap. */
export function TargetsTab() {
  const settings = useCompanySettings();
  const [url, setUrl] = useTargetsUrl();
  const periods = useQuartersWithData().data;
  const current = periods?.current.label ?? null;
  const quarter = url.quarter ?? current;
  const [dirty, setDirty] = useState(false);
  const pickQuarter = (next: string) => {
    if (dirty && !window.confirm('Leave this quarter without saving its targets?')) return;
    setDirty(false);
    setUrl({ quarter: next === current ? undefined : next });
  };
  return (
    <section className="card table-card" aria-labelledby="targets-title" data-testid="settings-targets">
      <CardHeader
        id="targets-title"
        title={`Targets ${quarter ? `for ${quarterName(quarter)}` : ''}`}
        className="targets-head"
        subtitle={
          <>
            {periods?.planning.find((q) => q.label === quarter)?.months.concat('. ') ?? ''}
            Pacing, the projection and the gap are measured against these. Leave a cell empty for no target.
          </>
        }
      >
        {quarter && current && <QuarterStepper quarter={quarter} current={current} onChange={pickQuarter} />}
      </CardHeader>
      {settings.isError && !settings.data ? (
        <div className="card-state">
          <ErrorState level={3} error={settings.error} onRetry={() => void settings.refetch()} />
        </div>
      ) : quarter ? (
        <TargetsGrid
          key={quarter}
          quarter={quarter}
          currency={settings.data?.currency ?? 'USD'}
          onDirty={setDirty}
        />
      ) : (
        <TargetsSkeleton />
      )}
    </section>
  );
}

/** The quarter's targets and the sources they are set for, loaded together: the grid waits for both. */
function TargetsGrid({
  quarter,
  currency,
  onDirty,
}: {
  quarter: string;
  currency: string;
  onDirty: (dirty: boolean) => void;
}) {
  const targets = useTargets(quarter);
  const sources = useSources();
  const both: CardQuery<{ entries: TargetEntry[]; sources: SourceEntry[] }> = {
    data: targets.data && sources.data ? { entries: targets.data, sources: sources.data } : undefined,
    isError: (targets.isError && !targets.data) || (sources.isError && !sources.data),
    error: targets.error ?? sources.error,
    isFetching: targets.isFetching || sources.isFetching,
    refetch: () => {
      void targets.refetch();
      void sources.refetch();
    },
  };
  return (
    <QueryState query={both} errorTitle="The targets could not be loaded" loading={<TargetsSkeleton />}>
      {(data) => (
        <TargetsForm
          quarter={quarter}
          currency={currency}
          onDirty={onDirty}
          entries={data.entries}
          sources={data.sources}
        />
      )}
    </QueryState>
  );
}
