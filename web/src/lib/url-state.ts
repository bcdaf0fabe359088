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

/** A fiscal quarter label such as `2026-Q1`, or undefined when absent or malformed. */
export function parseQuarterParam(raw: string | null): string | undefined {
  return raw && quarterPattern.test(raw) ? raw : undefined;
}
