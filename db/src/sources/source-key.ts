/**
 * A source's name as stored, whatever sent it (a CSV, the ingestion API, a rename): control and
 * invisible formatting characters (bidirectional overrides, zero-width spaces) removed, line breaks
 * and tabs made spaces, runs of whitespace collapsed, ends trimmed.
 */
export function normaliseSourceName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a source is matched by: its normalised name, case ignored. */
export function sourceKey(name: string): string {
  return normaliseSourceName(name).toLowerCase();
}
