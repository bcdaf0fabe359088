import { parseQuarterParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** The targets tab's quarter (`?quarter=2026-Q4`); none means the current fiscal quarter. */
const targetsUrl: UrlSchema<{ quarter?: string }> = {
  parse: (params) => {
    const quarter = parseQuarterParam(params.get('quarter'));
    return quarter ? { quarter } : {};
  },
  serialize: ({ quarter }) => ({ quarter }),
};

export function useTargetsUrl() {
  return useUrlState(targetsUrl);
}
