import type { FormEvent } from 'react';
import { ColumnHeads } from '../../../components/admin-table';
import { QueryState } from '../../../components/query-card';
import { formatMoney } from '../../../lib/format';
import { type SpendRow, type SpendGrid as SpendYear, useSpend } from '../api/get-spend';
import { type SalesCostInput, type SpendInput, useSaveSpend } from '../api/save-spend';
import { GridCellInput } from './grid-cell-input';
import { GridSaveFooter } from './grid-save-footer';
import { useGridEdits } from './use-grid-edits';

const monthLabel = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });

/** A typed amount: digits with optional separators and a currency sign; empty clears the month. */
function parseAmount(text: string): number | null | 'invalid' {
  const clean = text.replace(/[\s,_$€£]/g, '');
  if (clean === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return 'invalid';
  const n = Number(clean);
  return n < 1e12 ? n : 'invalid';
}

const key = (sourceId: number, month: string) => `${sourceId}|${month}`;
// The sales team's row: its cells are keyed apart from any source's.
const salesKey = (month: string) => `sales|${month}`;

/**
 * A year of spend, a source per row and a month per column, typed in like a spreadsheet; the last row
 * is the sales team's cost, which the customer acquisition cost adds to the marketing spend.
 */
export function SpendGrid({ year, onDirty }: { year: number; onDirty: (dirty: boolean) => void }) {
  const spend = useSpend(year);
  return (
    <QueryState
      query={spend}
      errorTitle="The spend could not be loaded"
      loading={<div className="card-state muted">Loading spend…</div>}
    >
      {(data) => <SpendForm year={year} data={data} onDirty={onDirty} />}
    </QueryState>
  );
}

function SpendForm({
  year,
  data: { months, sources, currency, salesCost },
  onDirty,
}: {
  year: number;
  data: SpendYear;
  onDirty: (dirty: boolean) => void;
}) {
  const save = useSaveSpend();
  const { edits, notice, edit, saved, discard } = useGridEdits(onDirty, save);
  const salesRow: SpendRow = {
    sourceId: 0,
    source: 'Sales team',
    category: 'sales',
    amounts: salesCost,
    total: 0,
  };

  const savedText = (row: SpendRow, month: string) => {
    const v = row.amounts[month];
    return v === undefined ? '' : String(v);
  };
  const cellKey = (row: SpendRow, month: string) =>
    row === salesRow ? salesKey(month) : key(row.sourceId, month);
  const textOf = (row: SpendRow, month: string) => edits[cellKey(row, month)] ?? savedText(row, month);
  const changes: SpendInput[] = [];
  const salesChanges: SalesCostInput[] = [];
  let invalid = 0;
  for (const [k, text] of Object.entries(edits)) {
    const [id, month] = k.split('|') as [string, string];
    const row = id === 'sales' ? salesRow : sources.find((s) => s.sourceId === Number(id));
    const before = row?.amounts[month] ?? null;
    const value = parseAmount(text);
    if (value === 'invalid') invalid++;
    else if (value !== before && row === salesRow)
      salesChanges.push({ month: month.slice(0, 7), amount: value });
    else if (value !== before)
      changes.push({ sourceId: Number(id), month: month.slice(0, 7), amount: value });
  }
  const unsaved = changes.length + salesChanges.length;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!unsaved || invalid) return;
    save.mutate(
      { entries: changes, salesCost: salesChanges },
      {
        onSuccess: ({ changed }) =>
          saved(`Saved ${changed} ${changed === 1 ? 'month' : 'months'}. The cost figures use them now.`),
      },
    );
  };
  const total = (row: SpendRow) =>
    months.reduce((sum, m) => {
      const v = parseAmount(textOf(row, m));
      return typeof v === 'number' ? sum + v : sum;
    }, 0);

  const renderRow = (row: SpendRow) => (
    <tr key={row.sourceId}>
      <th scope="row" className="sticky-col">
        {row === salesRow ? (
          <>
            Sales team <span className="muted">(all sources; for CAC)</span>
          </>
        ) : (
          <>
            <span className={`category-dot category-${row.category}`} aria-hidden="true" />
            {row.source}
          </>
        )}
      </th>
      {months.map((m) => {
        const text = textOf(row, m);
        return (
          <td key={m} className="num">
            <GridCellInput
              text={text}
              saved={savedText(row, m)}
              editing={cellKey(row, m) in edits}
              invalid={parseAmount(text) === 'invalid'}
              label={`${row.source}, ${monthLabel.format(new Date(`${m}T00:00:00Z`))} ${year}, ${currency}`}
              onChange={(next) => edit(cellKey(row, m), next)}
              testId={
                row === salesRow ? `sales-cost-${m.slice(0, 7)}` : `spend-${row.sourceId}-${m.slice(0, 7)}`
              }
            />
          </td>
        );
      })}
      <td className="num spend-total">{formatMoney(total(row))}</td>
    </tr>
  );

  return (
    <form onSubmit={submit} noValidate>
      <div className="table-scroll">
        <table className="data-table spend-table" data-testid="spend-grid">
          <thead>
            <tr>
              <ColumnHeads
                names={[
                  { name: 'Source', className: 'sticky-col' },
                  ...months.map((m) => ({
                    name: monthLabel.format(new Date(`${m}T00:00:00Z`)),
                    className: 'num',
                  })),
                  { name: String(year), className: 'num' },
                ]}
              />
            </tr>
          </thead>
          <tbody>{sources.map(renderRow)}</tbody>
          <tfoot>{renderRow(salesRow)}</tfoot>
        </table>
      </div>
      <GridSaveFooter
        error={save.error}
        invalid={invalid}
        invalidHint="not an amount: use digits, e.g. 1200 or 1,200.50."
        notice={notice}
        noticeIsGood
        unsaved={unsaved}
        idle={`Amounts in ${currency}. Leave a month empty when nothing was spent or it is not known yet.`}
        canDiscard={Object.keys(edits).length > 0}
        onDiscard={discard}
        pending={save.isPending}
        saveLabel="Save spend"
        saveTestId="spend-save"
      />
    </form>
  );
}
