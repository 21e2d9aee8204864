"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { isSigningOut } from "@/lib/auth/browser-session";

/**
 * Re-reads the page's server data on an interval while the tab is visible, and at once when
 * it becomes visible again, so a board on a tablet stays current without a reload. One
 * refresh at a time: on a slow network a tick that comes while the last refresh is still on
 * its way is skipped, not stacked. None starts once the user is being signed out, so a late
 * answer cannot pull the page back while it leaves for the sign-in page.
 */
export function AutoRefresh({ intervalMs }: { intervalMs: number }): null {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  // Set by a tick at once (ticks can come faster than React renders); cleared when it lands.
  const inFlight = useRef(false);
  useEffect(() => {
    inFlight.current = refreshing;
  }, [refreshing]);
  useEffect(() => {
    const tick = (): void => {
      if (document.visibilityState !== "visible" || inFlight.current || isSigningOut()) return;
      inFlight.current = true;
      startRefresh(() => router.refresh());
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
