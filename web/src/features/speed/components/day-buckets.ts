import type { Speed } from '../api/get-speed';

type DayBucket = Speed['days'][number];

/** A bucket of days in words: "Under 1 day", "1–3 days", "90+ days" (from inclusive, to exclusive). */
export function dayBucketLabel(bucket: DayBucket): string {
  if (bucket.fromDays === 0 && bucket.toDays !== null)
    return `Under ${bucket.toDays} day${bucket.toDays === 1 ? '' : 's'}`;
  if (bucket.toDays === null) return `${bucket.fromDays}+ days`;
  return `${bucket.fromDays}–${bucket.toDays} days`;
}

/** The axis label, short: "<1", "1–3", "90+". */
export function dayBucketTick(bucket: DayBucket): string {
  if (bucket.fromDays === 0 && bucket.toDays !== null) return `<${bucket.toDays}`;
  if (bucket.toDays === null) return `${bucket.fromDays}+`;
  return `${bucket.fromDays}–${bucket.toDays}`;
}

/** A touch count's bucket in words: "0", "7", "30+". */
export function touchBucketLabel(bucket: Speed['touches'][number]): string {
  return bucket.orMore ? `${bucket.touches}+` : String(bucket.touches);
}
