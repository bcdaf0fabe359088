import {
  formatDays,
  formatDeltaPercent,
  formatDeltaPoints,
  formatInteger,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  noValue,
  setMoneyCurrency,
} from '@salesready/web/lib/format';
import { afterEach, describe, expect, it } from 'vitest';

// One locale and one way to write each kind of figure; "—" wherever there is no figure to show.
describe('the web app’s figure formats', () => {
  afterEach(() => setMoneyCurrency('USD'));

  it('writes counts, rates and durations', () => {
    expect(formatInteger(12345.4)).toBe('12,345');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatDays(4.25)).toBe('4.3 days');
    expect(formatDays(1)).toBe('1.0 day');
  });

  it('shows no figure as a dash, whatever the reason', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatInteger(value)).toBe(noValue);
      expect(formatPercent(value)).toBe(noValue);
      expect(formatMoney(value)).toBe(noValue);
      expect(formatDeltaPercent(value)).toBe(noValue);
    }
  });

  it('signs changes with a typographic minus, and zero without a sign', () => {
    expect(formatDeltaPercent(0.052)).toBe('+5.2%');
    expect(formatDeltaPercent(-0.031)).toBe('\u22123.1%');
    expect(formatDeltaPercent(0)).toBe('0.0%');
    expect(formatDeltaPoints(-0.012)).toBe('\u22121.2 pp');
  });

  it('writes amounts in the company’s currency, never converted', () => {
    expect(formatMoney(1234567)).toBe('$1,234,567');
    expect(formatMoneyCompact(1234567)).toBe('$1.2M');
    setMoneyCurrency('EUR');
    expect(formatMoney(1234567)).toBe('€1,234,567');
    // A malformed code (settings offer only valid ones) falls back to US dollars rather than no page.
    setMoneyCurrency('EURO');
    expect(formatMoney(10)).toBe('$10');
  });
});
