import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from './router';

/** A page's filters: how they are read from the query string and written back to it. */
export interface UrlSchema<T> {
  parse(params: URLSearchParams): T;
  serialize(value: T): Record<string, string | undefined>;
}

/**
 * The page's filters, parsed from the URL, and a setter that writes them back (pushing a
 * history entry, so Back returns to the previous view, unless `replace` is set). The parsed object is memoised on the
 * query string, so it can serve directly as a query key.
 */
export function useUrlState<T>(
  schema: UrlSchema<T>,
): [T, (next: T, options?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const value = useMemo(() => schema.parse(new URLSearchParams(search)), [schema, search]);
  const setValue = useCallback(
    (next: T, options: { replace?: boolean } = {}) => {
      const params = new URLSearchParams(search);
      for (const [key, v] of Object.entries(schema.serialize(next))) {
        if (v === undefined || v === '') params.delete(key);
        else params.set(key, v);
      }
      const query = params.toString();
      navigate(query ? `${pathname}?${query}` : pathname, options);
    },
    [schema, pathname, search],
  );
  return [value, setValue];
}

const quarterPattern = /^(\d{4})-Q([1-4])$/;

/** The values that are set: a parameter absent from the URL stays absent, not present as undefined. */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A fiscal quarter label such as `2026-Q1`, or undefined when absent or malformed. */
export function parseQuarterParam(raw: string | null): string | undefined {
  return raw && quarterPattern.test(raw) ? raw : undefined;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day `YYYY-MM-DD` that exists, or undefined. */
export function parseDateParam(raw: string | null): string | undefined {
  if (!raw || !datePattern.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw ? raw : undefined;
}

/** Source ids as the API takes them (`3` or `3,7`): positive integers, deduplicated, comma-joined. */
export function parseIdListParam(raw: string | null): string | undefined {
  if (!raw) return undefined;
  const ids = [...new Set(raw.split(',').map((v) => v.trim()))].filter((v) => /^[1-9]\d{0,9}$/.test(v));
  return ids.length ? ids.join(',') : undefined;
}

/** One of a closed list of values, or undefined. */
export function parseEnumParam<T extends string>(raw: string | null, allowed: readonly T[]): T | undefined {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** Free text of at most `max` characters, trimmed; empty means absent. */
export function parseTextParam(raw: string | null, max = 200): string | undefined {
  const text = raw?.trim();
  return text ? text.slice(0, max) : undefined;
}

/**
 * A range of numbers as the lead list takes it (`7-14`, or `90-` without an upper bound), or
 * undefined. The API checks it again; this only keeps a mistyped URL from becoming an error page.
 */
export function parseRangeParam(raw: string | null): string | undefined {
  if (!raw || !/^\d{1,6}(\.\d{1,3})?-(\d{1,6}(\.\d{1,3})?)?$/.test(raw)) return undefined;
  const [from, to] = raw.split('-');
  return to && Number(to) < Number(from) ? undefined : raw;
}

/** A whole number ≥ 1, or undefined. */
export function parsePositiveIntParam(raw: string | null, max = 1_000_000_000): number | undefined {
  if (!raw || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : undefined;
}
