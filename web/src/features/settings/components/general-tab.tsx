import { type FormEvent, useEffect, useId, useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { Segmented } from '../../../components/segmented';
import { errorMessage } from '../../../lib/api-client';
import { type CompanySettings, useCompanySettings } from '../../../lib/company-settings';
import { type SettingsChange, useUpdateSettings } from '../api/update-settings';
import { CalendarSection } from './calendar-section';
import { DemoDataCard } from './demo-data-card';
import { type GeneralFormText, numberSettings, toText, wholeNumber } from './general-form-text';
import { GeneralSkeleton } from './general-skeleton';
import { SalesReadyProgress } from './sales-ready-progress';
import { SaveFooter } from './save-footer';
import { NumberSetting, SettingRow, SettingsSection } from './settings-section';

/** Fiscal year, time zone, currency, the sales-ready rule, the SLA and when a lead is stalled. */
export function GeneralTab() {
  const settings = useCompanySettings();
  if (settings.isError && !settings.data) {
    return <QueryError title="The settings could not be loaded" query={settings} />;
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
  const [form, setForm] = useState<GeneralFormText>(() => toText(saved));
  const [justSaved, setJustSaved] = useState(false);
  const crmId = useId();
  useEffect(() => setForm(toText(saved)), [saved]);

  const sla = wholeNumber(form.slaHours, 1, numberSettings.slaHours.max);
  const stalled = wholeNumber(form.stalledDays, 1, numberSettings.stalledDays.max);
  const influence = wholeNumber(form.influenceWindowDays, 1, numberSettings.influenceWindowDays.max);
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

  const set = (patch: Partial<GeneralFormText>) => {
    setJustSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || invalid) return;
    update.mutate(changes, { onSuccess: () => setJustSaved(true) });
  };
  const changed = Object.keys(changes).length;
  const numberSetting = (key: keyof typeof numberSettings, value: number | null) => {
    const { label, help, unit, problem } = numberSettings[key];
    return (
      <NumberSetting
        label={label}
        help={help}
        unit={unit}
        problem={value === null ? problem : undefined}
        value={form[key]}
        onChange={(text) => set({ [key]: text })}
      />
    );
  };

  return (
    <form className="card settings-card" onSubmit={submit} data-testid="settings-general" noValidate>
      <CalendarSection form={form} set={set} />

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
          htmlFor={crmId}
          help="A lead imported with a sales-ready (SQL) date from the CRM counts from that date, whatever its BANT score."
        >
          <label className="check setting-check">
            <input
              id={crmId}
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
        {numberSetting('slaHours', sla)}
        {numberSetting('stalledDays', stalled)}
      </SettingsSection>

      <SettingsSection
        title="Marketing contribution"
        text="Which deals count as marketing-influenced on the Sources page, in exports and in the board pack."
      >
        {numberSetting('influenceWindowDays', influence)}
      </SettingsSection>

      <SaveFooter
        status={
          update.isError ? (
            <span className="status-bad">{errorMessage(update.error)}</span>
          ) : update.isPending ? (
            'Saving…'
          ) : dirty ? (
            `${changed} unsaved ${changed === 1 ? 'change' : 'changes'}${
              ruleChanges ? ': every lead will be recounted, in the background' : ''
            }`
          ) : justSaved ? (
            <span className="status-good">Saved. Figures on every page use the new settings.</span>
          ) : (
            'All changes saved.'
          )
        }
        canDiscard={dirty}
        onDiscard={() => {
          setForm(toText(saved));
          update.reset();
        }}
        canSave={dirty && !invalid}
        pending={update.isPending}
        saveLabel="Save changes"
        saveTestId="settings-save"
      />
    </form>
  );
}
