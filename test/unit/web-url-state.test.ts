import {
  parseGlobalFilter,
  parsePeriod,
  serializeGlobalFilter,
  sharedSearch,
  withoutLeadFilter,
} from '@salesready/web/lib/filters';
import { handoffHref, leadsHref } from '@salesready/web/lib/links';
import {
  parseDateParam,
  parseIdListParam,
  parseQuarterParam,
  parseRangeParam,
  parseTextParam,
} from '@salesready/web/lib/url-state';
import { describe, expect, it } from 'vitest';

const params = (query: string) => new URLSearchParams(query);

// Every filter lives in the URL: a link reproduces the view, and a mistyped one falls back to the default
// view instead of an error page.
describe('the web app’s URL state', () => {
  it('reads a quarter, else a whole range in order, else nothing', () => {
    expect(parsePeriod(params('quarter=2026-Q3&from=2026-01-01&to=2026-02-01'))).toEqual({
      quarter: '2026-Q3',
    });
    expect(parsePeriod(params('from=2026-01-01&to=2026-02-01'))).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
    });
    expect(parsePeriod(params('from=2026-02-01&to=2026-01-01'))).toEqual({});
    expect(parsePeriod(params('from=2026-01-01'))).toEqual({});
    expect(parsePeriod(params('quarter=2026-Q5'))).toEqual({});
  });

  it('refuses values that are not what they claim to be', () => {
    expect(parseQuarterParam('2026-Q4')).toBe('2026-Q4');
    expect(parseQuarterParam('2026-q4')).toBeUndefined();
    expect(parseDateParam('2026-02-29')).toBeUndefined();
    expect(parseDateParam('2024-02-29')).toBe('2024-02-29');
    expect(parseIdListParam('7, 3,7,x,0,-2')).toBe('7,3');
    expect(parseIdListParam('x')).toBeUndefined();
    expect(parseRangeParam('7-14')).toBe('7-14');
    expect(parseRangeParam('90-')).toBe('90-');
    expect(parseRangeParam('14-7')).toBeUndefined();
    expect(parseTextParam('  Enterprise  ')).toBe('Enterprise');
    expect(parseTextParam('   ')).toBeUndefined();
    expect(parseTextParam('x'.repeat(300))).toHaveLength(200);
  });

  it('round-trips the filters through the query string', () => {
    const query = 'quarter=2026-Q2&source=3,7&category=marketing&segment=SMB&owner=Dana';
    const filter = parseGlobalFilter(params(query));
    expect(filter).toEqual({
      quarter: '2026-Q2',
      source: '3,7',
      category: 'marketing',
      segment: 'SMB',
      owner: 'Dana',
    });
    const written = new URLSearchParams(
      Object.entries(serializeGlobalFilter(filter)).filter((e): e is [string, string] => e[1] !== undefined),
    );
    expect(parseGlobalFilter(written)).toEqual(filter);
    // A quarter leaves no half of a range behind.
    expect(serializeGlobalFilter({ quarter: '2026-Q2', from: '2026-01-01', to: '2026-02-01' })).toMatchObject(
      {
        from: undefined,
        to: undefined,
      },
    );
    expect(parseGlobalFilter(params('category=robots'))).toEqual({});
    expect(withoutLeadFilter(filter)).toMatchObject({
      quarter: '2026-Q2',
      source: undefined,
      owner: undefined,
    });
  });

  it('carries the shared filters onto links to other pages', () => {
    expect(sharedSearch('?quarter=2026-Q1&source=3&page=4&view=cohort')).toBe('?quarter=2026-Q1&source=3');
    expect(sharedSearch('?quarter=2026-Q1&source=3', { withPeriod: false })).toBe('?source=3');
    expect(sharedSearch('?page=2')).toBe('');
    expect(
      leadsHref({ quarter: '2026-Q1', from: '2026-01-01', dateStage: 'lead', stage: 'won', source: '3' }),
    ).toBe('/leads?quarter=2026-Q1&stage=won&source=3');
    expect(leadsHref({})).toBe('/leads');
    expect(handoffHref('neglected', { quarter: '2026-Q1' })).toMatch(
      /^\/handoff\/neglected\?quarter=2026-Q1/,
    );
  });
});
