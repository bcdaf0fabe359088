/**
 * Postgres array literals, each bound as one parameter and expanded with unnest(): a
 * 50,000-row insert then needs a handful of parameters instead of hundreds of thousands,
 * and works the same on PGlite, node-postgres and Neon.
 */

export function numberArray(values: ReadonlyArray<number | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

export function textArray(values: ReadonlyArray<string | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

export function booleanArray(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
}

/** Milliseconds to whole seconds for to_timestamp(); null stays null. */
export function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.floor(ms / 1000);
}
