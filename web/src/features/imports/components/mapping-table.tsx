import { Fragment } from 'react';
import type { ImportMode, ImportPreview, LeadField } from '../api/preview-import';
import { type ColumnValues, type CsvSample, columnValues } from '../csv-sample';
import type { Draft } from '../draft';
import { type FieldInfo, fieldGroups, fieldInfo, isRequired, leadFields, stageChoices } from '../fields';
import { CommitInput } from './commit-input';

interface MappingTableProps {
  preview: ImportPreview;
  draft: Draft;
  sample: CsvSample | null;
  /** Date columns whose day/month order is still to be chosen. */
  unclear: string[];
  onMapping: (field: LeadField, column: string | undefined) => void;
  onConstant: (field: LeadField, value: string | undefined) => void;
}

/** Each lead field, the column that fills it (auto-filled), what the column holds, and a fixed value. */
export function MappingTable({ preview, draft, sample, unclear, onMapping, onConstant }: MappingTableProps) {
  const used = new Set(Object.values(draft.mapping).map((c) => c?.toLowerCase()));
  const unused = preview.headers.filter((h) => !used.has(h.toLowerCase()));
  return (
    <>
      <div className="table-scroll">
        <table className="data-table mapping-table" data-testid="mapping-table">
          <colgroup>
            <col className="mapping-col-field" />
            <col className="mapping-col-column" />
            <col />
            <col className="mapping-col-fixed" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Lead field</th>
              <th scope="col">Column in your file</th>
              <th scope="col">In the file</th>
              <th scope="col">
                Fixed value <span className="th-aside">for empty cells or a missing column</span>
              </th>
            </tr>
          </thead>
          {fieldGroups.map((group) => (
            <tbody key={group.id}>
              <tr className="mapping-group">
                <th scope="colgroup" colSpan={4}>
                  {group.label}
                </th>
              </tr>
              {leadFields
                .filter((f) => fieldInfo[f].group === group.id)
                .map((field) => (
                  <MappingRow
                    key={field}
                    field={field}
                    info={fieldInfo[field]}
                    mode={draft.mode}
                    column={draft.mapping[field]}
                    constant={draft.constants[field]}
                    headers={preview.headers}
                    values={
                      draft.mapping[field] && sample ? columnValues(sample, draft.mapping[field]) : null
                    }
                    dateFormat={
                      draft.mapping[field] ? preview.dateFormats[draft.mapping[field] ?? ''] : undefined
                    }
                    valueMap={draft.mapping[field] ? draft.values[draft.mapping[field] ?? ''] : undefined}
                    unclear={Boolean(draft.mapping[field] && unclear.includes(draft.mapping[field] ?? ''))}
                    onMapping={onMapping}
                    onConstant={onConstant}
                  />
                ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="mapping-unused">
        {unused.length === 0 ? (
          'Every column of the file is used.'
        ) : (
          <>
            <span className="mapping-unused-label">Not imported ({unused.length}):</span>{' '}
            {unused.map((h, i) => (
              <Fragment key={h}>
                {i > 0 && ', '}
                <code>{h}</code>
              </Fragment>
            ))}
          </>
        )}
      </p>
    </>
  );
}

interface MappingRowProps {
  field: LeadField;
  info: FieldInfo;
  mode: ImportMode;
  column: string | undefined;
  constant: string | undefined;
  headers: string[];
  values: ColumnValues | null;
  dateFormat: ImportPreview['dateFormats'][string] | undefined;
  valueMap: Record<string, string> | undefined;
  unclear: boolean;
  onMapping: (field: LeadField, column: string | undefined) => void;
  onConstant: (field: LeadField, value: string | undefined) => void;
}

function MappingRow({
  field,
  info,
  mode,
  column,
  constant,
  headers,
  values,
  dateFormat,
  valueMap,
  unclear,
  onMapping,
  onConstant,
}: MappingRowProps) {
  const required = isRequired(field, mode);
  const missing = required && !column && constant === undefined;
  const selectId = `map-${field}`;
  const known = column === undefined || headers.some((h) => h.toLowerCase() === column.toLowerCase());
  return (
    <tr className={[missing ? 'is-missing' : '', column ? 'is-mapped' : ''].join(' ').trim() || undefined}>
      <th scope="row" className="mapping-field">
        <label htmlFor={selectId} className="mapping-label">
          {info.label}
          {required && <span className="required-tag">Required</span>}
        </label>
        <span className="row-meta">{info.hint}</span>
      </th>
      <td>
        <select
          id={selectId}
          className="select mapping-select"
          value={column ?? ''}
          onChange={(e) => onMapping(field, e.target.value || undefined)}
          aria-invalid={missing || !known || undefined}
          aria-describedby={missing ? `${selectId}-missing` : undefined}
          data-testid={`map-${field}`}
        >
          <option value="">— Not in the file —</option>
          {!known && column && <option value={column}>{column} (missing)</option>}
          {headers.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        {missing && (
          <span id={`${selectId}-missing`} className="mapping-missing">
            {field === 'createdAt' ? 'Pick a column or give a fixed date' : 'Pick the column with the IDs'}
          </span>
        )}
      </td>
      <td className="mapping-values">
        {column ? (
          <ColumnSummary
            values={values}
            dateFormat={dateFormat}
            valueMap={valueMap}
            field={field}
            unclear={unclear}
          />
        ) : null}
      </td>
      <td>
        <ConstantInput
          field={field}
          info={info}
          value={constant}
          mapped={Boolean(column)}
          onChange={onConstant}
        />
      </td>
    </tr>
  );
}

function ColumnSummary({
  values,
  dateFormat,
  valueMap,
  field,
  unclear,
}: {
  values: ColumnValues | null;
  dateFormat: ImportPreview['dateFormats'][string] | undefined;
  valueMap: Record<string, string> | undefined;
  field: LeadField;
  unclear: boolean;
}) {
  const bad = unclear || (dateFormat && ['ambiguous', 'mixed', 'invalid'].includes(dateFormat.style));
  return (
    <div className="column-summary">
      {values && values.examples.length > 0 ? (
        <span className="sample-values">
          {values.examples.map((v) => (
            <code key={v} className="sample-value" title={v}>
              {v}
            </code>
          ))}
        </span>
      ) : (
        <span className="muted-inline">Empty in the first rows</span>
      )}
      {dateFormat?.label && !bad && <span className="column-note">Read as {dateFormat.label}</span>}
      {bad && (
        <span className="column-note is-bad">
          {unclear || dateFormat?.style === 'ambiguous'
            ? 'Day or month first? Answer above'
            : 'Dates not understood'}
        </span>
      )}
      {field === 'stage' && values && values.distinct.length > 0 && (
        <span className="column-note">
          {values.distinct.length}
          {values.more ? '+' : ''} {values.distinct.length === 1 ? 'value' : 'values'}: their stages are set
          below
        </span>
      )}
      {valueMap && field !== 'stage' && Object.keys(valueMap).length > 0 && (
        <span className="column-note">
          {Object.entries(valueMap)
            .map(
              ([raw, mapped]) =>
                `${raw === '*' ? 'any other' : `“${raw}”`} → ${mapped === '' ? 'empty' : `“${mapped}”`}`,
            )
            .join(', ')}
        </span>
      )}
    </div>
  );
}

function ConstantInput({
  field,
  info,
  value,
  mapped,
  onChange,
}: {
  field: LeadField;
  info: FieldInfo;
  value: string | undefined;
  mapped: boolean;
  onChange: (field: LeadField, value: string | undefined) => void;
}) {
  const label = `Fixed value for ${info.label}`;
  const set = (v: string) => onChange(field, v === '' ? undefined : v);
  if (info.kind === 'id') return <span className="muted-inline">From the file only</span>;
  if (info.kind === 'stage' || info.kind === 'boolean') {
    return (
      <select
        className="select mapping-select"
        aria-label={label}
        value={value ?? ''}
        onChange={(e) => set(e.target.value)}
      >
        <option value="">{mapped ? 'None' : 'Not set'}</option>
        {info.kind === 'stage'
          ? stageChoices.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))
          : [
              <option key="true" value="true">
                Yes
              </option>,
              <option key="false" value="false">
                No
              </option>,
            ]}
      </select>
    );
  }
  if (info.kind === 'date') {
    return (
      <input
        type="date"
        className="text-input mapping-input"
        aria-label={label}
        value={value ?? ''}
        onChange={(e) => set(e.target.value)}
      />
    );
  }
  return (
    <CommitInput
      className="text-input mapping-input"
      aria-label={label}
      inputMode={info.kind === 'amount' || info.kind === 'score' ? 'decimal' : undefined}
      placeholder={field === 'source' ? 'e.g. Trade show 2026' : mapped ? 'None' : 'Not set'}
      value={value ?? ''}
      onCommit={set}
    />
  );
}
