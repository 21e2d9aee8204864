"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true } },
  });
}

// One client for the whole tab, so what one page fetched is still there on the next.
let browserClient: QueryClient | undefined;

function queryClient(): QueryClient {
  if (typeof window === "undefined") return newQueryClient();
  browserClient ??= newQueryClient();
  return browserClient;
}

/**
 * The calendar's dialogs, which fetch and write, are wrapped in this provider where they are
 * used, not the whole app: pages that only read from the server load none of the query library.
 */
export function QueryProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
