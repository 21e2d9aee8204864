"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { ApiClientError, apiRequest } from "@/lib/api/client";
import { clinicDateKey } from "@/lib/format";

/**
 * Posts one treatment-plan write. On success it toasts and refreshes the server-rendered page
 * so the new course or order shows; errors come back as ApiClientError for the form to show.
 * Plain state rather than the query library: the patient page has nothing to cache or poll,
 * so it loads none of that library.
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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiClientError | null>(null);
  return {
    run: async (body) => {
      setPending(true);
      setError(null);
      try {
        await apiRequest(url, { method: "POST", body });
        toast.success(success);
        router.refresh();
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
      }
    },
    pending,
    error,
    reset: () => setError(null),
  };
}

/** Today's calendar date (YYYY-MM-DD) in the clinic's time zone. */
export function clinicToday(timeZone: string): string {
  return clinicDateKey(new Date(), timeZone);
}

/** A decimal typed in a field, or null when it is empty. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? null : Number(trimmed);
}
