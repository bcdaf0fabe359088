import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { type api, sendForm } from '../../../lib/api-client';
import { type ImportRequest, importForm } from './preview-import';

export type ImportReport = InferResponseType<typeof api.api.imports.$post, 201>;

export interface StartImportInput {
  file: File;
  request: ImportRequest;
  onUploadProgress?: (fraction: number) => void;
}

/**
 * Uploads the whole file and starts the import. `wait=false`: the API answers 202 with the
 * import's id as soon as the upload is in, and the page follows the import by polling it.
 */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, request, onUploadProgress }: StartImportInput) => {
      const form = importForm(file, file.name, request);
      form.set('wait', 'false');
      // The file part goes last: the API reads the fields before the file's bytes stream in.
      const res = await sendForm<ImportReport | { id: number; status: 'running' }>('/api/imports', form, {
        onUploadProgress,
      });
      return res.body.id;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['imports', 'history'] });
    },
  });
}
