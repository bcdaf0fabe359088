import { api, unwrap } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

/** Replaces a closed quarter's frozen figures with today's (admins). */
export function useRefreeze(quarter: string) {
  return useInvalidatingMutation({
    mutationFn: () => unwrap(api.api.reports.freeze.$post({ query: { quarter } })),
    invalidates: [['reports']],
  });
}
