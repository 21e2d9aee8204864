"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast";
import { ApiClientError, apiRequest } from "@/lib/api/client";

type ActionInput = { path: string; body?: unknown; success?: string; idempotencyKey?: string };

/**
 * Posts one bedside action for a session and refreshes the session afterwards. Errors come
 * back as ApiClientError so a form can show the server's message beside the right field.
 */
export function useSessionAction(sessionId: string): {
  run: (input: ActionInput) => Promise<boolean>;
  pending: boolean;
  error: ApiClientError | null;
  reset: () => void;
} {
  const queryClient = useQueryClient();
  const mutation = useMutation<unknown, ApiClientError, ActionInput>({
    mutationFn: ({ path, body, idempotencyKey }) =>
      apiRequest(`/api/v1/sessions/${sessionId}${path}`, {
        method: "POST",
        body: body ?? {},
        idempotencyKey,
      }),
    onSuccess: (_data, input) => {
      if (input.success) toast.success(input.success);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["session", sessionId] }),
  });
  return {
    run: async (input) => {
      try {
        await mutation.mutateAsync(input);
        return true;
      } catch {
        return false;
      }
    },
    pending: mutation.isPending,
    error: mutation.error,
    reset: mutation.reset,
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
