import type { Database } from '@salesready/db/client';
import { monthsInWords, type Period, quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { firstLeadDate } from '@salesready/db/queries/pacing/pacing-window';
import { readSettings } from '@salesready/db/settings';

/** At most this many quarters are listed (25 years): a stray lead dated 1970 lists no century of quarters. */
const maxQuarters = 100;
/** Targets are planned this many quarters either side of today's. */
const planningReach = 4;

/** A fiscal quarter with the calendar months it spans in words (`Feb–Apr 2026`). */
export interface NamedQuarter extends Period {
  months: string;
}

export interface QuartersWithData {
  /** Today's fiscal quarter in the company's time zone: the server names it, pages do not derive it. */
  current: NamedQuarter;
  today: string;
  timezone: string;
  fiscalYearStartMonth: number;
  /** Every fiscal quarter from the first lead's to the current one, newest first. */
  quarters: NamedQuarter[];
  /** The quarters targets are planned for: four after today's to four before, newest first. */
  planning: NamedQuarter[];
}

const named = (quarter: Period): NamedQuarter => ({ ...quarter, months: monthsInWords(quarter) });

export async function quartersWithData(db: Database, now = new Date()): Promise<QuartersWithData> {
  const settings = await readSettings(db);
  const start = settings.fiscalYearStartMonth;
  const today = todayIn(settings.timezone, now);
  const current = named(quarterOfDate(today, start));
  const first = await firstLeadDate(db, settings.timezone);
  const oldest = first && first < current.from ? quarterOfDate(first, start).label : current.label;
  const quarters: NamedQuarter[] = [current];
  for (let by = -1; quarters.length < maxQuarters && quarters.at(-1)?.label !== oldest; by--) {
    quarters.push(named(shiftQuarter(current.label, by, start)));
  }
  const planning = Array.from({ length: 2 * planningReach + 1 }, (_, i) =>
    named(shiftQuarter(current.label, planningReach - i, start)),
  );
  return { current, today, timezone: settings.timezone, fiscalYearStartMonth: start, quarters, planning };
}
