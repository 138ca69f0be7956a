// Download buttons for the CSV exports (/api/export/…). Self-contained: a page only places it and names the
// files; the browser downloads them with the page's own session.

export interface CsvExportLink {
  /** An /api/export/… path with its query. */
  href: string;
  label: string;
}

/** A row of "… (CSV)" download buttons. */
export function CsvExport(props: { links: CsvExportLink[] }) {
  return (
    <nav class="csv-export" aria-label="Download as CSV">
      {props.links.map((link) => (
        <a key={link.href} class="button ghost csv-export-link" href={link.href} download>
          {link.label} <span class="muted small">CSV</span>
        </a>
      ))}
    </nav>
  );
}
