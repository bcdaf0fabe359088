import { useId } from 'react';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import type { GeneralFormText } from './general-form-text';
import { SettingRow, SettingsSection } from './settings-section';

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const currencies = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'JPY',
  'SGD',
  'HKD',
  'INR',
  'BRL',
  'MXN',
  'ZAR',
  'AED',
];

/** Fiscal year, time zone and currency: what every period filter, target and export follows. */
export function CalendarSection({
  form,
  set,
}: {
  form: GeneralFormText;
  set: (patch: Partial<GeneralFormText>) => void;
}) {
  const ids = { month: useId(), tz: useId(), currency: useId() };
  const start = form.fiscalYearStartMonth;
  const quarterSpans = [0, 1, 2, 3]
    .map((q) => {
      const first = months[(start - 1 + 3 * q) % 12]?.slice(0, 3);
      const last = months[(start + 1 + 3 * q) % 12]?.slice(0, 3);
      return `Q${q + 1} ${first}–${last}`;
    })
    .join(', ');
  return (
    <SettingsSection title="Calendar" text="Every period filter, target and export follows these.">
      <SettingRow
        label="Fiscal year starts in"
        htmlFor={ids.month}
        help={
          <>
            {quarterSpans}. A fiscal year is named by the calendar year it ends in
            {start === 1
              ? '.'
              : ` (FY${new Date().getFullYear() + 1} starts in ${months[start - 1]} ${new Date().getFullYear()}).`}
          </>
        }
      >
        <select
          id={ids.month}
          className="select setting-control"
          value={form.fiscalYearStartMonth}
          onChange={(e) => set({ fiscalYearStartMonth: Number(e.target.value) })}
        >
          {months.map((m, i) => (
            <option key={m} value={i + 1}>
              {m}
            </option>
          ))}
        </select>
      </SettingRow>
      <SettingRow
        label="Time zone"
        htmlFor={ids.tz}
        help="Where a day, a week and a quarter start and end; imported dates written without a zone are read in it."
      >
        <TimeZoneSelect
          id={ids.tz}
          value={form.timezone}
          onChange={(timezone) => set({ timezone })}
          testId="settings-timezone"
        />
      </SettingRow>
      <SettingRow
        label="Currency"
        htmlFor={ids.currency}
        help="The currency amounts are in, as named in exports and the board pack. Amounts are never converted."
      >
        <select
          id={ids.currency}
          className="select setting-control setting-control-short"
          value={form.currency}
          onChange={(e) => set({ currency: e.target.value })}
        >
          {(currencies.includes(form.currency) ? currencies : [form.currency, ...currencies]).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </SettingRow>
    </SettingsSection>
  );
}
