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
  const formats = [
    { format: 'csv', label: 'CSV', href: csv },
    { format: 'xlsx', label: 'XLSX', href: xlsx },
  ];
  return (
    <div className="export-links">
      <span className="export-label" aria-hidden="true">
        Export
      </span>
      {formats.map(({ format, label, href }) => (
        <a
          key={format}
          className="button button-secondary button-small export-link"
          href={href}
          download
          data-testid={`export-${format}`}
        >
          {icon}
          {label}
          <span className="visually-hidden">: export {what}</span>
        </a>
      ))}
    </div>
  );
}
