import { checkSchedule, nextOccurrence } from '@salesready/api/jobs/schedule';
import { describe, expect, it } from 'vitest';

// Hand-counted on a 2027 calendar: 1 April is a Thursday, 1 May a Saturday, 1 July a Thursday.
describe('the quarterly schedule: the Nth working day after a fiscal quarter closes', () => {
  const berlin = 'Europe/Berlin';

  it('counts Monday to Friday from the first day of the new quarter, in the company’s time zone', () => {
    // Q2 opens Thu 1 Apr: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 → 07:00 in Berlin (summer time, UTC+2).
    expect(nextOccurrence('after-quarter 5 07:00', berlin, new Date('2027-03-15T12:00:00Z'))).toEqual(
      new Date('2027-04-07T05:00:00Z'),
    );
    // The first working day is the first day itself when it is a weekday.
    expect(nextOccurrence('after-quarter 1 09:30', berlin, new Date('2027-03-15T12:00:00Z'))).toEqual(
      new Date('2027-04-01T07:30:00Z'),
    );
  });

  it('follows a fiscal year that starts in February', () => {
    // Quarters open on 1 Feb, 1 May, 1 Aug, 1 Nov; 1 May 2027 is a Saturday: Mon 3 … Fri 7.
    expect(
      nextOccurrence('after-quarter 5 07:00', berlin, new Date('2027-03-15T12:00:00Z'), {
        fiscalYearStartMonth: 2,
      }),
    ).toEqual(new Date('2027-05-07T05:00:00Z'));
  });

  it('moves to the next quarter once this one’s day has passed, and not before', () => {
    const due = new Date('2027-04-07T05:00:00Z');
    expect(nextOccurrence('after-quarter 5 07:00', berlin, new Date(due.getTime() - 1000))).toEqual(due);
    // After it: the next quarter opens Thu 1 Jul: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7.
    expect(nextOccurrence('after-quarter 5 07:00', berlin, due)).toEqual(new Date('2027-07-07T05:00:00Z'));
  });

  it('reads the day in the time zone: late on 31 March in New York is still the old quarter there', () => {
    // 2027-04-01T02:00Z is 22:00 on 31 March in New York (UTC−4): Q2's first working day is still ahead.
    expect(
      nextOccurrence('after-quarter 1 07:00', 'America/New_York', new Date('2027-04-01T02:00:00Z')),
    ).toEqual(new Date('2027-04-01T11:00:00Z'));
  });

  it('still reads cron expressions as before', () => {
    expect(nextOccurrence('0 7 * * 1', berlin, new Date('2027-04-07T05:00:00Z'))).toEqual(
      new Date('2027-04-12T05:00:00Z'),
    );
  });

  it('says what is wrong with a schedule it cannot read', () => {
    expect(() => checkSchedule('after-quarter 0 07:00')).toThrow(/Nth working day \(1 to 20\)/);
    expect(() => checkSchedule('after-quarter 5 7am')).toThrow(/after-quarter N HH:MM/);
    expect(() => checkSchedule('0 7 * *')).toThrow(/five fields/);
    expect(() => checkSchedule('after-quarter 20 23:59')).not.toThrow();
  });
});
