import type { Speed } from '../api/get-speed';

type DayBucket = Speed['days'][number];

/**
 * A bucket holds [from, to) days; named in whole days it holds "from" to "to − 1" (1–2, then 3–6),
 * so neighbouring buckets never share a number.
 */
function wholeDays(bucket: DayBucket): string {
  if (bucket.toDays === null) return `${bucket.fromDays}+`;
  const last = bucket.toDays - 1;
  return last > bucket.fromDays ? `${bucket.fromDays}–${last}` : String(bucket.fromDays);
}

/** A bucket of days in words: "Under 1 day", "1–2 days", "90+ days". */
export function dayBucketLabel(bucket: DayBucket): string {
  if (bucket.fromDays === 0 && bucket.toDays !== null)
    return `Under ${bucket.toDays} day${bucket.toDays === 1 ? '' : 's'}`;
  const days = wholeDays(bucket);
  return `${days} ${days === '1' ? 'day' : 'days'}`;
}

/** The axis label, short: "<1", "1–2", "3–6", "90+". */
export function dayBucketTick(bucket: DayBucket): string {
  if (bucket.fromDays === 0 && bucket.toDays !== null) return `<${bucket.toDays}`;
  return wholeDays(bucket);
}

/** A touch count's bucket in words: "0", "7", "30+". */
export function touchBucketLabel(bucket: Speed['touches'][number]): string {
  return bucket.orMore ? `${bucket.touches}+` : String(bucket.touches);
}
