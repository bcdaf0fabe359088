import { useState } from 'react';
import { DataTable } from '../../../components/admin-table';
import { formatInteger, formatMoney } from '../../../lib/format';
import type { CampaignReport, CampaignRow } from '../api/get-campaign-report';
import { columnsFor, type FigureKey } from './source-columns';

// The sources table's columns, labelled as the view counts them (a cohort's "Reached sales-ready" is
// not the period's "SRLs"), so a campaign's figure reads like its source's.
const campaignKeys = [
  'leads',
  'salesReady',
  'opportunities',
  'won',
  'spend',
  'costPerLead',
  'costPerSalesReady',
  'costPerOpportunity',
  'costPerWon',
] as const satisfies readonly (FigureKey & keyof CampaignRow)[];

// The campaigns with the most spend (then leads) first; the rest a click away.
const firstRows = 10;

/** Spend and cost per stage for each campaign, most spend first; the spend no campaign carries below. */
export function CampaignTable({ report }: { report: CampaignReport }) {
  const [all, setAll] = useState(false);
  const rows = all ? report.rows : report.rows.slice(0, firstRows);
  const columns = columnsFor(report.view).filter((c) =>
    (campaignKeys as readonly FigureKey[]).includes(c.key),
  );
  return (
    <>
      <DataTable
        className="campaign-table"
        labelledBy="campaign-heading"
        head={
          <>
            <th scope="col" className="sticky-col">
              Campaign
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="num" title={c.definition}>
                {c.label}
              </th>
            ))}
          </>
        }
      >
        {rows.map((row) => (
          <tr key={`${row.sourceId}|${row.campaign}`}>
            <th scope="row" className="sticky-col">
              {row.campaign ? row.campaign : <span className="muted">No campaign</span>}
              <span className="campaign-source">{row.source}</span>
            </th>
            {columns.map((c) => (
              <td key={c.key} className="num">
                {c.format(row[c.key as (typeof campaignKeys)[number]])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      {report.rows.length > firstRows && (
        <button
          type="button"
          className="button button-ghost campaign-more"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? `Show the first ${firstRows}` : `Show all ${report.rows.length} campaigns`}
        </button>
      )}
      <CampaignNotes report={report} />
    </>
  );
}

function CampaignNotes({ report }: { report: CampaignReport }) {
  if (!report.unsplitSpend.length && !report.more) return null;
  return (
    <ul className="campaign-notes">
      {report.unsplitSpend.map((u) => (
        <li key={u.sourceId}>
          {u.source}: {formatMoney(u.spend)} booked as monthly totals, not by campaign, so in no campaign’s
          cost above (the source’s cost figures include it).
        </li>
      ))}
      {report.more > 0 && (
        <li>
          {formatInteger(report.more)} more {report.more === 1 ? 'campaign' : 'campaigns'} with less spend and
          fewer leads are not listed; filter by source to see them.
        </li>
      )}
    </ul>
  );
}
