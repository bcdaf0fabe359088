import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

/** Replaces a closed quarter's frozen figures with today's (admins). */
export function useRefreeze(quarter: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.api.reports.freeze.$post({ query: { quarter } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
