"use client";

import { useState } from "react";
import { useRefreshSession } from "@/components/sessions/live-session";
import { toast } from "@/components/ui/toast";
import { ApiClientError, apiRequest } from "@/lib/api/client";

type ActionInput = { path: string; body?: unknown; success?: string; idempotencyKey?: string };

/**
 * Posts one bedside action for a session and re-reads the session afterwards (also after a
 * refusal, which may mean someone else changed it). Errors come back as ApiClientError so a
 * form can show the server's message beside the right field.
 */
export function useSessionAction(sessionId: string): {
  run: (input: ActionInput) => Promise<boolean>;
  pending: boolean;
  error: ApiClientError | null;
  reset: () => void;
} {
  const refreshSession = useRefreshSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiClientError | null>(null);
  return {
    run: async ({ path, body, success, idempotencyKey }) => {
      setPending(true);
      setError(null);
      try {
        await apiRequest(`/api/v1/sessions/${sessionId}${path}`, {
          method: "POST",
          body: body ?? {},
          idempotencyKey,
        });
        if (success) toast.success(success);
        return true;
      } catch (caught) {
        setError(
          caught instanceof ApiClientError
            ? caught
            : new ApiClientError("The change could not be saved.", 0, "unexpected"),
        );
        return false;
      } finally {
        setPending(false);
        refreshSession();
      }
    },
    pending,
    error,
    reset: () => setError(null),
  };
}

export function ActionError({ error }: { error: ApiClientError | null }): React.JSX.Element | null {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm font-medium text-destructive">
      {error.message}
    </p>
  );
}
