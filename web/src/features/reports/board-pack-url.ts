import { parseQuarterParam, type UrlSchema, useUrlState } from '../../lib/url-state';

export interface BoardPackFilter {
  quarter?: string;
}

const schema: UrlSchema<BoardPackFilter> = {
  parse: (params) => ({ quarter: parseQuarterParam(params.get('quarter')) }),
  serialize: (value) => ({ quarter: value.quarter }),
};

/** The board pack page's quarter lives in the URL, like every other page's period. */
export function useBoardPackUrl() {
  return useUrlState(schema);
}
