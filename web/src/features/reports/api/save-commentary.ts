import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import { commentaryKey } from './get-commentary';

export type CommentaryTexts = Partial<
  Record<'summary' | 'sources' | 'funnel' | 'speed' | 'cohorts' | 'handoff', string>
>;

/** Saves the sections given; an empty text removes that section's commentary. */
export function useSaveCommentary(quarter: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sections: CommentaryTexts) =>
      unwrap(api.api.reports.commentary.$put({ query: { quarter }, json: { sections } })),
    onSuccess: (body) => {
      queryClient.setQueryData(commentaryKey(quarter), body.sections);
      // The preview prints the saved commentary: read it again.
      void queryClient.invalidateQueries({ queryKey: ['reports', 'preview', quarter] });
    },
  });
}
