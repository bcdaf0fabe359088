import type { LeadsFilter } from '../leads-filter';

/** `7-14` → "7–14 days", `0-1` → "under 1 day", `90-` → "90+ days" (to exclusive, as the histogram's buckets). */
export function daysRangeText(range: string): string {
  const [from, to] = range.split('-');
  const plural = (n: string) => (n === '1' ? 'day' : 'days');
  if (!to) return `${from}+ days`;
  if (from === '0') return `under ${to} ${plural(to)}`;
  return `${from}–${to} days`;
}

/** `8-8` → "8 touches", `7-15` → "7–15 touches", `30-` → "30+ touches" (both ends included). */
export function touchesRangeText(range: string): string {
  const [from, to] = range.split('-');
  if (!to) return `${from}+ touches`;
  if (from === to) return `${from} touch${from === '1' ? '' : 'es'}`;
  return `${from}–${to} touches`;
}

interface RangeChipsProps {
  filter: LeadsFilter;
  onClear: (key: 'srDays' | 'srTouches') => void;
}

/**
 * The histogram bar a drill-down came from, shown as a removable chip: the list is narrowed by
 * something the toolbar has no control for, and the reader must see it and be able to drop it.
 */
export function RangeChips({ filter, onClear }: RangeChipsProps) {
  const chips = [
    filter.srDays && { key: 'srDays' as const, text: `Sales-ready in ${daysRangeText(filter.srDays)}` },
    filter.srTouches && {
      key: 'srTouches' as const,
      text: `Sales-ready after ${touchesRangeText(filter.srTouches)}`,
    },
  ].filter((c): c is { key: 'srDays' | 'srTouches'; text: string } => Boolean(c));
  if (chips.length === 0) return null;
  return (
    <ul className="range-chips" aria-label="Narrowed by">
      {chips.map((c) => (
        <li key={c.key} className="range-chip" data-testid={`range-chip-${c.key}`}>
          <span>{c.text}</span>
          <button
            type="button"
            className="range-chip-clear"
            onClick={() => onClear(c.key)}
            aria-label={`Remove: ${c.text}`}
            title="Remove"
          >
            <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <path d="m3 3 6 6M9 3 3 9" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}
