"use client";

import { ThemeProvider } from "next-themes";
import { ToastHost } from "@/components/ui/toast-host";

/**
 * What every page shares: the theme, and a host that loads the toaster on the first toast.
 * The query client is provided only around the parts that fetch (components/query-provider.tsx),
 * so pages that only read from the server load none of it.
 */
export function Providers({
  children,
  nonce,
}: {
  children: React.ReactNode;
  /** This response's CSP nonce: the theme's inline start-up script needs it to run. */
  nonce?: string;
}): React.JSX.Element {
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      {children}
      <ToastHost />
    </ThemeProvider>
  );
}
