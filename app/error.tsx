"use client";

import { TriangleAlert } from "lucide-react";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

/**
 * What the administrator looks for in the server log: the request id of the page (its log line
 * carries it) and the error's digest. The id is read from the document, where the root layout
 * put it, once the page is in the browser.
 */
function ErrorReference({ digest }: { digest?: string }): React.JSX.Element | null {
  const requestId = useSyncExternalStore(
    () => () => {},
    () => document.documentElement.dataset.requestId ?? null,
    () => null,
  );
  if (!digest && !requestId) return null;
  return (
    <p className="text-sm text-muted-foreground">
      If it keeps happening, give this reference to your administrator:{" "}
      <code className="rounded bg-muted px-1.5 py-0.5 font-mono break-all text-foreground">
        {[requestId, digest].filter(Boolean).join(" · ")}
      </code>
    </p>
  );
}

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): React.JSX.Element {
  return (
    <main className="flex min-h-[60dvh] items-center justify-center px-4">
      <div className="max-w-md space-y-4 text-center">
        <TriangleAlert className="mx-auto size-12 text-warning" aria-hidden="true" />
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="text-muted-foreground">
          Kapstone could not show this page. Nothing you entered was lost. The problem has been
          logged; try again in a moment.
        </p>
        <ErrorReference digest={error.digest} />
        <Button onClick={reset}>Try again</Button>
      </div>
    </main>
  );
}
