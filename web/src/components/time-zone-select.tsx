import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';

interface Zone {
  id: string;
  /** `America/New_York` → `America / New York`, for reading and matching. */
  label: string;
  offset: string;
  search: string;
}

let zones: Zone[] | null = null;

/** Every IANA zone this browser knows, with its current UTC offset; built once, on first use. */
function allZones(): Zone[] {
  if (zones) return zones;
  const ids = Intl.supportedValuesOf('timeZone');
  if (!ids.includes('UTC')) ids.unshift('UTC');
  const now = new Date();
  zones = ids.map((id) => {
    const offset = offsetOf(id, now);
    const label = id.replace(/_/g, ' ').replace(/\//g, ' / ');
    return { id, label, offset, search: `${id} ${label} ${offset}`.toLowerCase() };
  });
  return zones;
}

function offsetOf(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return (part ?? 'GMT').replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

interface TimeZoneSelectProps {
  id?: string;
  value: string;
  onChange: (zone: string) => void;
  describedBy?: string;
  disabled?: boolean;
  testId?: string;
}

/**
 * A searchable list of IANA time zones (an ARIA combobox): type any part of a name or an offset,
 * arrows to move, Enter to pick, Escape to leave the value as it was.
 */
export function TimeZoneSelect({ id, value, onChange, describedBy, disabled, testId }: TimeZoneSelectProps) {
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const matches = useMemo(() => {
    if (!open) return [];
    const all = allZones();
    const q = query.trim().toLowerCase();
    if (!q) return all;
    const words = q.split(/\s+/);
    const found = all.filter((z) => words.every((w) => z.search.includes(w)));
    // A city that starts with what was typed first: "par" → Europe/Paris before America/Paramaribo.
    const city = (z: Zone) => (z.id.split('/').pop() ?? z.id).toLowerCase().replace(/_/g, ' ');
    return found.sort((a, b) => Number(city(b).startsWith(q)) - Number(city(a).startsWith(q)));
  }, [open, query]);

  useEffect(() => {
    if (!open) return;
    const option = listRef.current?.children[active] as HTMLElement | undefined;
    option?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const openList = () => {
    if (open) return;
    const index = allZones().findIndex((z) => z.id === value);
    setQuery('');
    setActive(Math.max(0, index));
    setOpen(true);
  };
  const pick = (zone: Zone | undefined) => {
    if (zone) onChange(zone.id);
    setOpen(false);
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return openList();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matches.length - 1, 0)));
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      if (!open) return;
      event.preventDefault();
      const step = event.key === 'PageDown' ? 8 : -8;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matches.length - 1, 0)));
    } else if (event.key === 'Enter') {
      if (!open) return;
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setQuery('');
      }
    }
  };

  const currentOffset = useMemo(() => offsetOf(value, new Date()), [value]);
  return (
    <div className={open ? 'combobox is-open' : 'combobox'} data-testid={testId}>
      <input
        id={inputId}
        className="combobox-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={open ? query : value}
        placeholder={open ? value || 'Search time zones' : undefined}
        onFocus={openList}
        onClick={openList}
        onBlur={() => {
          setOpen(false);
          setQuery('');
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (!open) setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {currentOffset && !open && (
        <span className="combobox-aside" aria-hidden="true">
          {currentOffset}
        </span>
      )}
      <svg className="combobox-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M4.5 6.5 8 10l3.5-3.5" />
      </svg>
      {open && (
        <div id={listId} ref={listRef} className="combobox-list" role="listbox" aria-label="Time zones">
          {matches.length === 0 ? (
            <div className="combobox-empty">No time zone matches “{query}”</div>
          ) : (
            matches.map((zone, i) => (
              <div
                key={zone.id}
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={zone.id === value}
                className={i === active ? 'combobox-option is-active' : 'combobox-option'}
                onMouseDown={(e) => {
                  // Keep the focus in the input, so the blur does not close the list before the click.
                  e.preventDefault();
                  pick(zone);
                }}
                onMouseMove={() => setActive(i)}
              >
                <span className="combobox-option-label">{zone.label}</span>
                <span className="combobox-option-aside">{zone.offset}</span>
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
