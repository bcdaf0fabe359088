import { useEffect, useMemo, useState } from 'react';
import { OptionList } from '../../../components/option-list';
import { errorMessage } from '../../../lib/api-client';
import { type SourceMatch, useKnownSources, useSourceMatches } from '../api/match-sources';
import type { ImportPreview } from '../api/preview-import';
import type { SourceChoice } from '../api/remember-sources';

const newSource = 'new';

const howWords: Record<SourceMatch['how'], string> = {
  name: 'same name',
  alias: 'as chosen before',
  spelling: 'same name, spelled differently',
  synonym: 'another name for it',
  new: 'no source of that name yet',
};

/** The raw source names in the preview's rows, as the file spells them. */
export function previewSourceNames(preview: ImportPreview): string[] {
  const names = new Set<string>();
  for (const row of preview.rows) {
    const name = row.lead?.source?.trim();
    if (name) names.add(name);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * The confirmation step for sources: each raw source name found in the preview with the source it
 * will join (or "new source"), which the admin can change. `onChange` gets the choices to remember
 * as aliases before the import starts: every change, and every match made by spelling or synonym.
 */
export function SourceConfirm({
  preview,
  onChange,
}: {
  preview: ImportPreview;
  onChange: (choices: SourceChoice[]) => void;
}) {
  const names = useMemo(() => previewSourceNames(preview), [preview]);
  const matches = useSourceMatches(names);
  const sources = useKnownSources();
  const [overrides, setOverrides] = useState<Record<string, number | null>>({});

  const choices = useMemo(() => {
    const out: SourceChoice[] = [];
    for (const m of matches.data ?? []) {
      const chosen = m.name in overrides ? (overrides[m.name] ?? null) : m.sourceId;
      const changed = m.name in overrides && chosen !== m.sourceId;
      if (changed || (chosen !== null && (m.how === 'spelling' || m.how === 'synonym')))
        out.push({ name: m.name, sourceId: chosen });
    }
    return out;
  }, [matches.data, overrides]);
  useEffect(() => onChange(choices), [choices, onChange]);

  if (names.length === 0) return null;
  const list = [...(sources.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="source-confirm" aria-labelledby="source-confirm-title" data-testid="source-confirm">
      <h3 id="source-confirm-title" className="check-subtitle">
        Sources in these rows
      </h3>
      <p className="check-text">
        Each source name in the file joins the source shown. Change any that is wrong: the choice is kept, and
        later imports follow it.
      </p>
      {matches.isError ? (
        <p className="form-error" role="alert">
          The sources could not be matched: {errorMessage(matches.error)}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table source-confirm-table">
            <thead>
              <tr>
                <th scope="col">In the file</th>
                <th scope="col">Joins</th>
              </tr>
            </thead>
            <tbody>
              {(matches.data ?? []).map((m) => {
                const chosen = m.name in overrides ? (overrides[m.name] ?? null) : m.sourceId;
                return (
                  <tr key={m.name} data-testid="source-confirm-row">
                    <th scope="row">
                      <span className="source-confirm-raw">{m.name}</span>
                      <span className="source-confirm-how">
                        {m.name in overrides ? 'your choice' : howWords[m.how]}
                      </span>
                    </th>
                    <td>
                      <select
                        className="select"
                        aria-label={`Source for “${m.name}”`}
                        value={chosen === null ? newSource : String(chosen)}
                        onChange={(e) =>
                          setOverrides((o) => ({
                            ...o,
                            [m.name]: e.target.value === newSource ? null : Number(e.target.value),
                          }))
                        }
                        data-testid="source-confirm-select"
                      >
                        <option value={newSource}>New source “{m.name}”</option>
                        <OptionList options={list.map((s) => ({ value: s.id, label: s.name }))} />
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
