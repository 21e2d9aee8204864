"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/toast";
import { ApiClientError, apiRequest } from "@/lib/api/client";

/**
 * Posts one treatment-plan write. On success it toasts and refreshes the server-rendered page
 * so the new course or order shows; errors come back as ApiClientError for the form to show.
 */
export function usePlanAction(
  url: string,
  success: string,
): {
  run: (body: unknown) => Promise<boolean>;
  pending: boolean;
  error: ApiClientError | null;
  reset: () => void;
} {
  const router = useRouter();
  const mutation = useMutation<unknown, ApiClientError, unknown>({
    mutationFn: (body) => apiRequest(url, { method: "POST", body }),
    onSuccess: () => {
      toast.success(success);
      router.refresh();
    },
  });
  return {
    run: async (body) => {
      try {
        await mutation.mutateAsync(body);
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

/** Today's calendar date (YYYY-MM-DD) in the clinic's time zone. */
export function clinicToday(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

/** A calendar date as a clinician reads it ("Mar 11, 2026"), the same on server and browser. */
export function formatPlanDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** A decimal typed in a field, or null when it is empty. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? null : Number(trimmed);
}
