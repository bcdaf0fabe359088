import { parsePositiveIntParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** The import page's URL: the import being followed or reported (`?import=ID`), else the wizard. */
export interface ImportsUrl {
  importId?: number;
}

const importsUrl: UrlSchema<ImportsUrl> = {
  parse: (params) => {
    const importId = parsePositiveIntParam(params.get('import'), 2_147_483_647);
    return importId ? { importId } : {};
  },
  serialize: ({ importId }) => ({ import: importId === undefined ? undefined : String(importId) }),
};

export function useImportsUrl() {
  return useUrlState(importsUrl);
}
