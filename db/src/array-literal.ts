/**
 * A PostgreSQL array literal: the whole column travels as one bound parameter and `unnest` turns
 * the arrays back into rows, so a 5,000-row batch is one short statement on every driver.
 */
export function arrayLiteral(values: (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
