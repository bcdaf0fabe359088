import { dateMessage, isValidDate, parseQuarter, quarterMessage } from '@salesready/db/periods';
import { z } from 'zod';

/** A fiscal quarter label (`2026-Q1`) within the supported years; every route takes quarters this way. */
export const quarterLabel = z.string().refine((value) => parseQuarter(value) !== null, quarterMessage);

/** A calendar date YYYY-MM-DD within the supported years. */
export const dateParam = z.string().refine(isValidDate, dateMessage);

/** A row id in a path or body: the tables' ids are 4-byte integers, so larger ones name nothing. */
export const rowId = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be a positive id')
  .max(2_147_483_647, 'no such id (ids go up to 2147483647)');

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone name. */
export const timezoneParam = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');
