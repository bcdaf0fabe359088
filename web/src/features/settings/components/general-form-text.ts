import type { CompanySettings } from '../../../lib/company-settings';

export type GeneralSettings = Omit<CompanySettings, 'id'>;
/** The settings as the form holds them: numbers as typed, so a half-typed one can be shown as wrong. */
export type GeneralFormText = Omit<GeneralSettings, 'slaHours' | 'stalledDays' | 'influenceWindowDays'> & {
  slaHours: string;
  stalledDays: string;
  influenceWindowDays: string;
};

export const toText = (s: GeneralSettings): GeneralFormText => ({
  ...s,
  slaHours: String(s.slaHours),
  stalledDays: String(s.stalledDays),
  influenceWindowDays: String(s.influenceWindowDays),
});

type NumberKey = 'slaHours' | 'stalledDays' | 'influenceWindowDays';

/** The settings that are whole numbers: their words, their unit and the largest value taken (the least is 1). */
export const numberSettings: Record<
  NumberKey,
  { label: string; help: string; unit: string; max: number; problem: string }
> = {
  slaHours: {
    label: 'Follow-up SLA',
    help: 'A sales-ready lead with no sales follow-up within this time is neglected: it shows on the Hand-off page and in the overview’s alerts.',
    unit: 'hours',
    max: 720,
    problem: 'A whole number of hours from 1 to 720 (30 days).',
  },
  stalledDays: {
    label: 'Stalled after',
    help: 'An open lead with no touch and no stage change for this long is stalled.',
    unit: 'days',
    max: 365,
    problem: 'A whole number of days from 1 to 365.',
  },
  influenceWindowDays: {
    label: 'Influence window',
    help: 'A deal is marketing-influenced when a marketing touch came within this many days before its opportunity.',
    unit: 'days',
    max: 730,
    problem: 'A whole number of days from 1 to 730 (two years).',
  },
};

/** A typed whole number within its bounds, or null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
