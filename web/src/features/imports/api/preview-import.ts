import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { type api, sendForm } from '../../../lib/api-client';

export type ImportPreview = InferResponseType<typeof api.api.imports.preview.$post, 200>;
export type LeadField = keyof ImportPreview['mapping'];
export type PreviewRow = ImportPreview['rows'][number];
export type StoredLead = NonNullable<PreviewRow['lead']>;
export type RowProblem = PreviewRow['problems'][number];
export type ImportMode = ImportPreview['mode'];
export type DateOrder = 'mdy' | 'dmy';
export type CsvEncoding = 'utf-8' | 'latin1';

/** How a file is read and mapped: the preview and the import take the same form fields. */
export type ImportRequest = {
  preset?: string;
  mapping?: Partial<Record<LeadField, string>>;
  mode?: ImportMode;
  values?: Record<string, Record<string, string>>;
  constants?: Partial<Record<LeadField, string>>;
  timezone?: string;
  dateOrder?: DateOrder;
  encoding?: CsvEncoding;
  originSystem?: string;
};

/** The preview reads this much of the file: enough rows to judge date formats, quick to send. */
export const previewBytes = 1_000_000;

/** The request as multipart form fields; objects travel as JSON, absent ones are left out. */
export function importForm(file: Blob, fileName: string, request: ImportRequest): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) continue;
    form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  form.append('file', file, fileName);
  return form;
}

export interface PreviewInput {
  /** The first ~1 MB of the file. */
  head: Blob;
  fileName: string;
  /** Identifies the file (name, size, date): with the request, the query key. */
  fileKey: string;
  request: ImportRequest;
}

export function previewQueryOptions({ head, fileName, fileKey, request }: PreviewInput) {
  return queryOptions({
    queryKey: ['imports', 'preview', fileKey, request] as const,
    queryFn: ({ signal }) =>
      sendForm<ImportPreview>('/api/imports/preview', importForm(head, fileName, request), { signal }).then(
        (res) => res.body,
      ),
    // The same bytes read the same way preview the same: never refetched, dropped soon after.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
    retry: false,
  });
}

/** The file's first rows mapped as the import would store them, with the problems found; nothing is written. */
export function useImportPreview(input: PreviewInput | null) {
  return useQuery({
    ...previewQueryOptions(input ?? { head: new Blob(), fileName: '', fileKey: '', request: {} }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}
