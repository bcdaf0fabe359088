import { noValue } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';

export type Format = (v: number | null | undefined) => string;
export type CommentarySection = SharedPack['commentary'][number]['section'];

/** A figure with its two comparisons: the previous quarter and the same quarter a year before. */
export interface Compared {
  value: number | null;
  previous: number | null;
  yearAgo: number | null;
}

export interface Money {
  /** $1,234,567 */
  full: Format;
  /** $1.2M */
  compact: Format;
}

/** Amounts in the company's currency (a setting), exact and short. */
export function moneyFormats(currency: string): Money {
  const make = (options: Intl.NumberFormatOptions): Format => {
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...options });
    } catch {
      // An unknown code: the figure with the code beside it, rather than no page at all.
      const plain = new Intl.NumberFormat('en-US', options);
      return (v) => (v === null || v === undefined ? noValue : `${plain.format(v)} ${currency}`);
    }
    return (v) => (v === null || v === undefined || !Number.isFinite(v) ? noValue : format.format(v));
  };
  return {
    full: make({ maximumFractionDigits: 0 }),
    compact: make({ notation: 'compact', maximumFractionDigits: 1 }),
  };
}

/** One section's commentary, if the executives wrote one. */
export function commentaryFor(pack: SharedPack, section: CommentarySection): string | null {
  return pack.commentary.find((c) => c.section === section)?.body ?? null;
}
