"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/registry/send-json";
import { ApiClientError } from "@/lib/api/client";

/**
 * One write from the rooms page: sends it, refreshes the server-rendered page on success and
 * keeps the error (with its field messages) for the form to show.
 */
export function useRegistryWrite<T>(): {
  send: (url: string, method: "POST" | "PATCH" | "PUT", body: unknown) => Promise<T | null>;
  pending: boolean;
  error: ApiClientError | null;
  clearError: () => void;
} {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiClientError | null>(null);
  return {
    send: async (url, method, body) => {
      setPending(true);
      setError(null);
      try {
        const result = await sendJson<T>(url, method, body);
        router.refresh();
        return result;
      } catch (e) {
        setError(
          e instanceof ApiClientError
            ? e
            : new ApiClientError("The change was not saved.", 0, "client"),
        );
        return null;
      } finally {
        setPending(false);
      }
    },
    pending,
    error,
    clearError: () => setError(null),
  };
}
