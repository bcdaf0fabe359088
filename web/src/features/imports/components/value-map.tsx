import { useId } from 'react';
import { formatInteger } from '../../../lib/format';
import type { ColumnValues } from '../csv-sample';
import { stageChoices, stageLabel } from '../fields';

interface ValueMapProps {
  column: string;
  map: Record<string, string>;
  values: ColumnValues | null;
  sampledRows: number;
  onChange: (map: Record<string, string>) => void;
}

const asWritten = '';
const aliases: Record<string, string> = { sql: 'sales_ready', salesready: 'sales_ready', sal: 'accepted' };
const stageValues = new Set<string>(stageChoices.map((s) => s.value));

/** The funnel stage a value names by itself, as the import reads it (`Closed Won` names none; `won` does). */
function ownStage(raw: string): string | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const stage = aliases[key.replace(/_/g, '')] ?? key;
  return stageValues.has(stage) ? stage : null;
}

/** The mapped value for a raw one, looked up as the import does: exact first, then ignoring case. */
function lookup(map: Record<string, string>, raw: string): string | undefined {
  if (raw in map) return map[raw];
  const lower = raw.toLowerCase();
  return Object.entries(map).find(([k]) => k !== '*' && k.trim().toLowerCase() === lower)?.[1];
}

/** What each value of the stage column means in the funnel (e.g. `Converted = 1 → won`). */
export function ValueMap({ column, map, values, sampledRows, onChange }: ValueMapProps) {
  const headingId = useId();
  const setValue = (raw: string, stage: string) => {
    const next: Record<string, string> = {};
    const lower = raw.toLowerCase();
    for (const [k, v] of Object.entries(map)) if (k === '*' || k.trim().toLowerCase() !== lower) next[k] = v;
    if (stage !== asWritten) next[raw] = stage;
    onChange(next);
  };
  const setOther = (stage: string) => {
    const next = { ...map };
    if (stage === asWritten) delete next['*'];
    else next['*'] = stage;
    onChange(next);
  };
  const listed = values?.distinct ?? [];
  // Values the map names that the first rows do not show still count: list them too.
  const extra = Object.keys(map).filter(
    (k) => k !== '*' && !listed.some((d) => d.value.toLowerCase() === k.trim().toLowerCase()),
  );
  return (
    <section className="value-map" aria-labelledby={headingId} data-testid="value-map">
      <header className="value-map-head">
        <h3 id={headingId} className="value-map-title">
          Stages in <code>{column}</code>
        </h3>
        <p className="value-map-text">
          Which funnel stage each value means. A value that names a stage (such as <code>won</code>) is read
          as that stage; any other stays as written and the lead counts as open.
        </p>
      </header>
      {listed.length === 0 && extra.length === 0 ? (
        <p className="value-map-empty">The column is empty in the first rows.</p>
      ) : (
        <table className="data-table value-map-table">
          <thead>
            <tr>
              <th scope="col">Value in the file</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Funnel stage</th>
            </tr>
          </thead>
          <tbody>
            {[...listed, ...extra.map((value) => ({ value, count: null as number | null }))].map(
              ({ value, count }) => {
                const mapped = lookup(map, value);
                const own = ownStage(value);
                const fallback = map['*'];
                return (
                  <tr key={value}>
                    <th scope="row">
                      <code className="sample-value">{value}</code>
                    </th>
                    <td className="num">
                      {count === null ? <span className="muted-inline">—</span> : formatInteger(count)}
                    </td>
                    <td>
                      <StageSelect
                        label={`Funnel stage for “${value}”`}
                        value={mapped ?? asWritten}
                        onChange={(next) => setValue(value, next)}
                        asWrittenLabel={
                          fallback
                            ? `Like any other: ${stageLabel(fallback)}`
                            : own
                              ? `As written: ${stageLabel(own)}`
                              : 'As written (open)'
                        }
                      />
                    </td>
                  </tr>
                );
              },
            )}
            <tr className="value-map-other">
              <th scope="row">Any other value</th>
              <td className="num" />
              <td>
                <StageSelect
                  label="Funnel stage for any other value"
                  value={map['*'] ?? asWritten}
                  onChange={setOther}
                  asWrittenLabel="As written"
                />
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {values && (
        <p className="value-map-foot">
          Counted in the first {formatInteger(sampledRows)} rows
          {values.more ? '; the 40 most common values are listed' : ''}.
        </p>
      )}
    </section>
  );
}

/** The funnel stage a value is read as: as written (or like any other value), or one stage. */
function StageSelect({
  label,
  value,
  onChange,
  asWrittenLabel,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  asWrittenLabel: string;
}) {
  return (
    <select
      className="select value-select"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value={asWritten}>{asWrittenLabel}</option>
      {stageChoices.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
    </select>
  );
}
