import { sourceMatchKey, synonymKeys } from '@salesready/db/sources/source-names';
import { describe, expect, it } from 'vitest';

describe('source names are compared as a person reads them', () => {
  it('ignores case, spacing, underscores, hyphens and reads & as and', () => {
    for (const raw of [
      'paid_search',
      'Paid Search ',
      ' PAID-SEARCH',
      'paid  search',
      'Paid\tsearch',
      'paid.search',
    ])
      expect(sourceMatchKey(raw), raw).toBe('paid search');
    expect(sourceMatchKey('Events & trade shows')).toBe(sourceMatchKey('events_and_trade-shows'));
    // Letters and digits are never dropped: these stay different names.
    expect(sourceMatchKey('Paid search 2')).not.toBe(sourceMatchKey('Paid search'));
    expect(sourceMatchKey('Paidsearch')).not.toBe(sourceMatchKey('Paid search'));
  });

  it('knows a short list of synonyms, in any spelling', () => {
    expect(synonymKeys('PPC')).toContain('paid search');
    expect(synonymKeys('google_ads')).toContain('paid search');
    expect(synonymKeys('SEO')).toContain('organic search');
    expect(synonymKeys('Trade-show')).toContain('events and trade shows');
    // A name is not its own synonym; an unknown name has none.
    expect(synonymKeys('Paid search')).not.toContain('paid search');
    expect(synonymKeys('Podcast sponsorship')).toEqual([]);
  });
});
