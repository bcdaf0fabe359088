/**
 * Spreadsheet formula injection: a text cell beginning with one of these is read as a formula by
 * Excel, LibreOffice or Google Sheets when the CSV is opened.
 */
const formulaStart = /^[=+\-@\t\r]/;

export const looksLikeFormula = (text: string) => formulaStart.test(text);

/**
 * A text value made inert for CSV: a leading `'` makes spreadsheets show the text as typed. Only
 * text cells pass through here; numbers (negative ones too) are written as numbers.
 */
export function inertCsvText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
