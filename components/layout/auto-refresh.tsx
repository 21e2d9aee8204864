"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-reads the page's server data on an interval while the tab is visible, and at once when
 * it becomes visible again, so a board on a tablet stays current without a reload.
 */
export function AutoRefresh({ intervalMs }: { intervalMs: number }): null {
  const router = useRouter();
  useEffect(() => {
    const tick = (): void => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [router, intervalMs]);
  return null;
}
