import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ErrorState } from '../../../components/error-state';
import { Segmented } from '../../../components/segmented';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import { errorMessage } from '../../../lib/api-client';
import { type CompanySettings, useCompanySettings } from '../../../lib/company-settings';
import { type SettingsChange, useUpdateSettings } from '../api/update-settings';
import { DemoDataCard } from './demo-data-card';
import { SalesReadyProgress } from './sales-ready-progress';

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

type Form = Omit<CompanySettings, 'id'>;
type FormText = Omit<Form, 'slaHours' | 'stalledDays' | 'influenceWindowDays'> & {
  slaHours: string;
  stalledDays: string;
  influenceWindowDays: string;
};

const toText = (s: Form): FormText => ({
  ...s,
  slaHours: String(s.slaHours),
  stalledDays: String(s.stalledDays),
  influenceWindowDays: String(s.influenceWindowDays),
});

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** Fiscal year, time zone, currency, the sales-ready rule, the SLA and when a lead is stalled. */
export function GeneralTab() {
  const settings = useCompanySettings();
  if (settings.isError && !settings.data) {
    return (
      <ErrorState
        title="The settings could not be loaded"
        error={settings.error}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  }
  if (!settings.data) return <GeneralSkeleton />;
  return (
    <>
      <GeneralForm saved={settings.data} />
      <DemoDataCard />
    </>
  );
}

function GeneralForm({ saved }: { saved: CompanySettings }) {
  const update = useUpdateSettings();
  const [form, setForm] = useState<FormText>(() => toText(saved));
  const [justSaved, setJustSaved] = useState(false);
  const ids = {
    month: useId(),
    tz: useId(),
    currency: useId(),
    sla: useId(),
    stalled: useId(),
    influence: useId(),
    crm: useId(),
  };
  useEffect(() => setForm(toText(saved)), [saved]);

  const sla = wholeNumber(form.slaHours, 1, 720);
  const stalled = wholeNumber(form.stalledDays, 1, 365);
  const influence = wholeNumber(form.influenceWindowDays, 1, 730);
  const changes: SettingsChange = {};
  if (form.fiscalYearStartMonth !== saved.fiscalYearStartMonth)
    changes.fiscalYearStartMonth = form.fiscalYearStartMonth;
  if (form.timezone !== saved.timezone) changes.timezone = form.timezone;
  if (form.currency !== saved.currency) changes.currency = form.currency;
  if (form.salesReadyBantThreshold !== saved.salesReadyBantThreshold)
    changes.salesReadyBantThreshold = form.salesReadyBantThreshold;
  if (form.useCrmSalesReady !== saved.useCrmSalesReady) changes.useCrmSalesReady = form.useCrmSalesReady;
  if (sla !== null && sla !== saved.slaHours) changes.slaHours = sla;
  if (stalled !== null && stalled !== saved.stalledDays) changes.stalledDays = stalled;
  if (influence !== null && influence !== saved.influenceWindowDays) changes.influenceWindowDays = influence;
  const dirty = Object.keys(changes).length > 0;
  const invalid = sla === null || stalled === null || influence === null;
  const ruleChanges = 'salesReadyBantThreshold' in changes || 'useCrmSalesReady' in changes;

  const set = (patch: Partial<FormText>) => {
    setJustSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || invalid) return;
    update.mutate(changes, { onSuccess: () => setJustSaved(true) });
  };
  const start = form.fiscalYearStartMonth;
  const quarterSpans = [0, 1, 2, 3]
    .map((q) => {
      const first = months[(start - 1 + 3 * q) % 12]?.slice(0, 3);
      const last = months[(start + 1 + 3 * q) % 12]?.slice(0, 3);
      return `Q${q + 1} ${first}–${last}`;
    })
    .join(', ');

  return (
    <form className="card settings-card" onSubmit={submit} data-testid="settings-general" noValidate>
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

      <SettingsSection
        title="Sales-ready rule"
        text="When a lead counts as sales-ready (an SRL). Changing it recounts every lead: SRLs, conversion, pacing and the gap change on every page."
      >
        <SettingRow
          label="BANT criteria confirmed"
          help={`A lead is sales-ready once at least ${form.salesReadyBantThreshold} of budget, authority, need and timeframe ${
            form.salesReadyBantThreshold === 1 ? 'is' : 'are'
          } confirmed.`}
        >
          <Segmented
            legend="BANT criteria confirmed"
            options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n} of 4` }))}
            value={String(form.salesReadyBantThreshold)}
            onChange={(v) => set({ salesReadyBantThreshold: Number(v) })}
            testId="settings-bant"
          />
        </SettingRow>
        <SettingRow
          label="The CRM’s sales-ready time"
          htmlFor={ids.crm}
          help="A lead imported with a sales-ready (SQL) date from the CRM counts from that date, whatever its BANT score."
        >
          <label className="check setting-check">
            <input
              id={ids.crm}
              type="checkbox"
              checked={form.useCrmSalesReady}
              onChange={(e) => set({ useCrmSalesReady: e.target.checked })}
            />
            Accept the CRM’s sales-ready time
          </label>
        </SettingRow>
        <SalesReadyProgress since={update.isSuccess ? update.submittedAt : 0} />
      </SettingsSection>

      <SettingsSection
        title="Hand-off"
        text="How fast sales must follow up, and when an open lead has gone quiet."
      >
        <SettingRow
          label="Follow-up SLA"
          htmlFor={ids.sla}
          help="A sales-ready lead with no sales follow-up within this time is neglected: it shows on the Hand-off page and in the overview’s alerts."
          error={sla === null ? 'A whole number of hours from 1 to 720 (30 days).' : undefined}
        >
          <NumberInput
            id={ids.sla}
            value={form.slaHours}
            unit="hours"
            invalid={sla === null}
            onChange={(slaHours) => set({ slaHours })}
          />
        </SettingRow>
        <SettingRow
          label="Stalled after"
          htmlFor={ids.stalled}
          help="An open lead with no touch and no stage change for this long is stalled."
          error={stalled === null ? 'A whole number of days from 1 to 365.' : undefined}
        >
          <NumberInput
            id={ids.stalled}
            value={form.stalledDays}
            unit="days"
            invalid={stalled === null}
            onChange={(stalledDays) => set({ stalledDays })}
          />
        </SettingRow>
      </SettingsSection>

      <SettingsSection
        title="Marketing contribution"
        text="Which deals count as marketing-influenced on the Sources page, in exports and in the board pack."
      >
        <SettingRow
          label="Influence window"
          htmlFor={ids.influence}
          help="A deal is marketing-influenced when a marketing touch came within this many days before its opportunity."
          error={influence === null ? 'A whole number of days from 1 to 730 (two years).' : undefined}
        >
          <NumberInput
            id={ids.influence}
            value={form.influenceWindowDays}
            unit="days"
            invalid={influence === null}
            onChange={(influenceWindowDays) => set({ influenceWindowDays })}
          />
        </SettingRow>
      </SettingsSection>

      <footer className="settings-footer">
        <p className="settings-status" aria-live="polite">
          {update.isError ? (
            <span className="status-bad">{errorMessage(update.error)}</span>
          ) : update.isPending ? (
            'Saving…'
          ) : dirty ? (
            `${Object.keys(changes).length} unsaved ${Object.keys(changes).length === 1 ? 'change' : 'changes'}${
              ruleChanges ? ': every lead will be recounted, in the background' : ''
            }`
          ) : justSaved ? (
            <span className="status-good">Saved. Figures on every page use the new settings.</span>
          ) : (
            'All changes saved.'
          )}
        </p>
        <button
          type="button"
          className="button button-ghost"
          disabled={!dirty || update.isPending}
          onClick={() => {
            setForm(toText(saved));
            update.reset();
          }}
        >
          Discard
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={!dirty || invalid || update.isPending}
          data-testid="settings-save"
        >
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </footer>
    </form>
  );
}

function SettingsSection({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <header className="settings-section-head">
        <h2 id={id} className="settings-section-title">
          {title}
        </h2>
        <p className="settings-section-text">{text}</p>
      </header>
      <div className="settings-rows">{children}</div>
    </section>
  );
}

function SettingRow({
  label,
  htmlFor,
  help,
  error,
  children,
}: {
  label: string;
  htmlFor?: string;
  help: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="setting-row">
      <div className="setting-text">
        {htmlFor ? (
          <label htmlFor={htmlFor} className="setting-label">
            {label}
          </label>
        ) : (
          <span className="setting-label">{label}</span>
        )}
        <p className="setting-help">{help}</p>
      </div>
      <div className="setting-input">
        {children}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function NumberInput({
  id,
  value,
  unit,
  invalid,
  onChange,
}: {
  id: string;
  value: string;
  unit: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <span className={invalid ? 'unit-input is-invalid' : 'unit-input'}>
      <input
        id={id}
        className="unit-input-field"
        inputMode="numeric"
        value={value}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="unit-input-unit" aria-hidden="true">
        {unit}
      </span>
    </span>
  );
}

function GeneralSkeleton() {
  return (
    <div className="card settings-card" aria-busy="true" data-testid="settings-general">
      {[0, 1, 2].map((i) => (
        <div key={i} className="settings-section">
          <div className="settings-section-head">
            <span className="skeleton skeleton-cell-wide" />
          </div>
          <div className="settings-rows">
            {[0, 1].map((j) => (
              <div key={j} className="setting-row">
                <div className="setting-text">
                  <span className="skeleton skeleton-text-short" />
                </div>
                <span className="skeleton skeleton-bar-thin" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
