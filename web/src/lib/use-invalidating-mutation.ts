import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

interface InvalidatingMutation<TData, TVariables> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** The cached answers the change makes stale, read again once it is done. */
  invalidates: readonly QueryKey[] | ((variables: TVariables) => readonly QueryKey[]);
  /** Also after a failure, which may leave the stored state other than the cache holds it. */
  evenOnError?: boolean;
}

/** A change through the API, after which the answers it touches are fetched again. */
export function useInvalidatingMutation<TData, TVariables = void>({
  mutationFn,
  invalidates,
  evenOnError = false,
}: InvalidatingMutation<TData, TVariables>) {
  const queryClient = useQueryClient();
  const invalidate = (variables: TVariables) => {
    const keys = typeof invalidates === 'function' ? invalidates(variables) : invalidates;
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  return useMutation({
    mutationFn,
    onSuccess: evenOnError ? undefined : (_data: TData, variables: TVariables) => invalidate(variables),
    onSettled: evenOnError
      ? (_data: TData | undefined, _error: Error | null, variables: TVariables) => invalidate(variables)
      : undefined,
  });
}
