import type { Database } from '@salesready/db/client';
import { type Period, quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { firstLeadDate } from '@salesready/db/queries/pacing/pacing-window';
import { readSettings } from '@salesready/db/settings';

/** At most this many quarters are listed (25 years): a stray lead dated 1970 lists no century of quarters. */
const maxQuarters = 100;

export interface QuartersWithData {
  /** Today's fiscal quarter in the company's time zone: the server names it, pages do not derive it. */
  current: Period;
  today: string;
  timezone: string;
  fiscalYearStartMonth: number;
  /** Every fiscal quarter from the first lead's to the current one, newest first. */
  quarters: Period[];
}

export async function quartersWithData(db: Database, now = new Date()): Promise<QuartersWithData> {
  const settings = await readSettings(db);
  const start = settings.fiscalYearStartMonth;
  const today = todayIn(settings.timezone, now);
  const current = quarterOfDate(today, start);
  const first = await firstLeadDate(db, settings.timezone);
  const oldest = first && first < current.from ? quarterOfDate(first, start).label : current.label;
  const quarters: Period[] = [current];
  for (let by = -1; quarters.length < maxQuarters && quarters.at(-1)!.label !== oldest; by--) {
    quarters.push(shiftQuarter(current.label, by, start));
  }
  return { current, today, timezone: settings.timezone, fiscalYearStartMonth: start, quarters };
}
