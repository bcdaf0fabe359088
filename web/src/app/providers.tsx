import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../lib/api-client';
import { meQueryKey } from '../lib/me';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        // A session that expired mid-use: forget the user, and the auth guard sends them to sign in.
        if (error instanceof ApiError && error.status === 401) {
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        // A client error will not fix itself; a server or network one may.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
