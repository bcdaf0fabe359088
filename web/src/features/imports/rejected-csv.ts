import type { ImportProblem } from './api/get-import';

// A cell a spreadsheet would read as a formula is written as text (PRODUCT.md: exports are safe
// against formula injection); the quote keeps the delimiter and line breaks inside the cell.
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The problems as they are listed: one row per problem (line, column, message). */
export function problemsCsv(problems: ImportProblem[]): string {
  const lines = ['line,column,problem'];
  for (const p of problems) if (p.line > 0) lines.push([p.line, p.column, p.message].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The rows of the file that have problems, exactly as the file writes them (so they can be fixed
 * and imported again), with two columns added: the line and what is wrong. Streams the file and
 * stops once every listed line is found.
 */
export async function rejectedRowsCsv(
  file: File,
  problems: ImportProblem[],
  delimiter: string,
  encoding: 'utf-8' | 'latin1' = 'utf-8',
): Promise<string> {
  const wanted = new Map<number, string[]>();
  for (const p of problems) {
    if (p.line <= 1) continue;
    const list = wanted.get(p.line) ?? [];
    list.push(p.column ? `${p.column}: ${p.message}` : p.message);
    wanted.set(p.line, list);
  }
  const found = new Map<number, string>();
  let header = '';
  let line = 1;
  let recordStart = 1;
  let record = '';
  let quoted = false;
  let done = false;
  const last = Math.max(0, ...wanted.keys());
  const decoder = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : 'utf-8');
  const reader = file.stream().getReader();
  const endRecord = () => {
    const text = record.replace(/\r$/, '');
    if (recordStart === 1) header = text.replace(/^\ufeff/, '');
    else if (wanted.has(recordStart)) found.set(recordStart, text);
    record = '';
    recordStart = line;
    if (recordStart > last) done = true;
  };
  while (!done) {
    const { value, done: end } = await reader.read();
    const text = end ? decoder.decode() : decoder.decode(value, { stream: true });
    for (let i = 0; i < text.length && !done; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      if (c === '\n') {
        line++;
        if (!quoted) {
          endRecord();
          continue;
        }
      }
      record += c;
    }
    if (end) {
      if (record !== '') endRecord();
      break;
    }
  }
  await reader.cancel().catch(() => {});
  const d = delimiter;
  const out = [`${header}${d}import_line${d}import_problem`];
  for (const [lineNo, messages] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const raw = found.get(lineNo);
    if (raw === undefined) continue;
    out.push(`${raw}${d}${lineNo}${d}${cell(messages.join('; '))}`);
  }
  return `${out.join('\r\n')}\r\n`;
}

/** Offers text as a file download. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
