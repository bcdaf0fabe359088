import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import {
  type ConnectorMapping,
  type MappingChoices,
  useConnectorMapping,
  useSaveConnectorMapping,
} from '../api/connectors';

type StageKey = keyof ConnectorMapping['stages'];
const stageLabels: Record<StageKey, string> = {
  mql: 'MQL',
  salesReady: 'Sales-ready',
  opportunity: 'Opportunity',
};
const stageKeys = Object.keys(stageLabels) as StageKey[];

const same = (a: ConnectorMapping, b: ConnectorMapping) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Which CRM values count as MQL, sales-ready and opportunity, and which field the source is read
 * from: the choices are the connected account's own (its custom stages too) when it answers.
 */
export function ConnectorMappingEditor({ id, kind }: { id: number; kind: string }) {
  const query = useConnectorMapping(id);
  const save = useSaveConnectorMapping(id);
  const [draft, setDraft] = useState<ConnectorMapping | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const sourceId = useId();
  const saved = query.data?.mapping;
  useEffect(() => {
    if (saved && draft === null) setDraft(saved);
  }, [saved, draft]);

  if (query.isError) {
    return (
      <div className="connector-mapping">
        <p className="form-error" role="alert">
          The mapping could not be loaded: {errorMessage(query.error)}{' '}
          <button type="button" className="button button-small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      </div>
    );
  }
  if (!query.data || !draft) {
    return (
      <div className="connector-mapping" aria-busy="true">
        <p className="row-meta">Reading the stages from the CRM…</p>
        <span className="skeleton connector-mapping-skeleton" />
      </div>
    );
  }
  const choices = query.data.choices as MappingChoices;
  const stageWord = kind === 'salesforce' ? 'lead status' : 'lifecycle stage';
  // Values saved earlier that the CRM no longer lists stay visible, so they can be taken out.
  const mapped = stageKeys.flatMap((k) => draft.stages[k]);
  const stageChoices = [
    ...choices.stages,
    ...mapped.filter((v) => !choices.stages.some((c) => c.value === v)).map((v) => ({ value: v, label: v })),
  ];
  const sourceChoices = choices.source.some((c) => c.value === draft.source)
    ? choices.source
    : [...choices.source, { value: draft.source, label: draft.source }];
  const owner = (value: string) => stageKeys.find((k) => draft.stages[k].includes(value));
  const edited = () => {
    setJustSaved(false);
    save.reset();
  };
  const toggle = (key: StageKey, value: string, on: boolean) => {
    edited();
    setDraft({
      ...draft,
      stages: {
        ...draft.stages,
        [key]: on ? [...draft.stages[key], value] : draft.stages[key].filter((v) => v !== value),
      },
    });
  };
  const dirty = saved ? !same(draft, saved) : false;
  const defaults = query.data.defaults as ConnectorMapping | null;

  return (
    <form
      className="connector-mapping"
      data-testid="connector-mapping"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, { onSuccess: () => setJustSaved(true) });
      }}
      noValidate
    >
      <p className="connector-run-title">How records become leads</p>
      {choices.note && <p className="field-hint">{choices.note}</p>}
      <div className="field">
        <label htmlFor={sourceId}>Source is read from</label>
        <select
          id={sourceId}
          className="select"
          value={draft.source}
          onChange={(e) => {
            edited();
            setDraft({ ...draft, source: e.target.value });
          }}
          data-testid="mapping-source"
        >
          {sourceChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label} ({c.value})
            </option>
          ))}
        </select>
      </div>
      <div className="connector-stage-grid">
        {stageKeys.map((key) => (
          <fieldset key={key} className="connector-stages" data-testid={`mapping-${key}`}>
            <legend>
              {stageLabels[key]}: the {stageWord}s that count
            </legend>
            {stageChoices.map((c) => {
              const taken = owner(c.value);
              const elsewhere = taken !== undefined && taken !== key;
              return (
                <label key={c.value} className="check connector-stage">
                  <input
                    type="checkbox"
                    checked={draft.stages[key].includes(c.value)}
                    disabled={elsewhere}
                    onChange={(e) => toggle(key, c.value, e.target.checked)}
                  />
                  <span>
                    {c.label}
                    {elsewhere && (
                      <span className="connector-stage-note"> (counts as {stageLabels[taken]})</span>
                    )}
                  </span>
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div className="connector-mapping-footer">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={!dirty || save.isPending}
          data-testid="mapping-save"
        >
          {save.isPending ? 'Saving…' : 'Save mapping'}
        </button>
        {defaults && !same(draft, defaults) && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => {
              edited();
              setDraft(defaults);
            }}
          >
            Back to the defaults
          </button>
        )}
        <p className="connector-mapping-status" aria-live="polite" data-testid="mapping-status">
          {save.isError ? (
            <span className="status-bad">{errorMessage(save.error)}</span>
          ) : dirty ? (
            'Unsaved changes'
          ) : justSaved ? (
            <span className="status-good">Saved. The next sync reads every record again with it.</span>
          ) : null}
        </p>
      </div>
    </form>
  );
}
