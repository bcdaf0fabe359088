interface ExportLinksProps {
  /** What is exported, for the links' accessible names ("the sources table"). */
  what: string;
  csv: string;
  xlsx: string;
}

const icon = (
  <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13h10" />
  </svg>
);

/**
 * The data behind a table as CSV or XLSX, with the same filters as on screen: plain download
 * links (the session cookie goes along), not buttons that fetch.
 */
export function ExportLinks({ what, csv, xlsx }: ExportLinksProps) {
  return (
    <div className="export-links">
      <span className="export-label" aria-hidden="true">
        Export
      </span>
      <a
        className="button button-secondary button-small export-link"
        href={csv}
        download
        data-testid="export-csv"
      >
        {icon}
        CSV<span className="visually-hidden">: export {what}</span>
      </a>
      <a
        className="button button-secondary button-small export-link"
        href={xlsx}
        download
        data-testid="export-xlsx"
      >
        {icon}
        XLSX<span className="visually-hidden">: export {what}</span>
      </a>
    </div>
  );
}
