"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";

const IdleWarningDialog = dynamic(() =>
  import("@/components/auth/idle-warning-dialog").then((m) => m.IdleWarningDialog),
);
import { signOutTo } from "@/lib/auth/browser-session";

const IDLE_LIMIT_MS = 15 * 60_000;
const WARN_BEFORE_MS = 2 * 60_000;
const PING_EVERY_MS = 20_000;
const STORAGE_KEY = "kapstone:last-activity";
const ACTIVITY_EVENTS = ["keydown", "pointerdown", "wheel", "touchstart", "input"] as const;

function sharedLastActivity(fallback: number): number {
  try {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(stored) && stored > fallback ? stored : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Signs the user out after 15 minutes without typing, tapping or scrolling, in any of their
 * tabs — a tablet left at the chair must not stay open on a patient's record. Two minutes
 * before, a dialog offers to stay. While the user works, the server is told (at most every
 * 20 s) so its own idle limit, which protects the session even if this page is gone, matches.
 * Live boards refreshing on their own do not count as activity.
 */
export function IdleGuard(): React.JSX.Element | null {
  // Set on mount: opening the page is the first activity (and the server noted it).
  const lastActivity = useRef(0);
  const lastPing = useRef(0);
  const [remainingMs, setRemainingMs] = useState<number | null>(null);
  const [warned, setWarned] = useState(false);
  const warning = useRef(false);

  const ping = useCallback(() => {
    lastPing.current = Date.now();
    void fetch("/api/v1/me/activity", { method: "POST", credentials: "same-origin" })
      .then((response) => {
        if (response.status === 401) {
          void signOutTo("/login?reason=idle");
        }
      })
      .catch(() => {
        // Offline: the outbox keeps entries; the next activity tries again.
      });
  }, []);

  const markActive = useCallback(() => {
    const now = Date.now();
    lastActivity.current = now;
    try {
      window.localStorage.setItem(STORAGE_KEY, String(now));
    } catch {
      // Private mode without storage: this tab's own clock still works.
    }
    if (now - lastPing.current >= PING_EVERY_MS) ping();
  }, [ping]);

  useEffect(() => {
    lastPing.current = Date.now();
    markActive();
    const onActivity = (): void => {
      // While the warning is open, only its button keeps the session.
      if (!warning.current) markActive();
    };
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    }
    const timer = window.setInterval(() => {
      const last = sharedLastActivity(lastActivity.current);
      lastActivity.current = last;
      const left = IDLE_LIMIT_MS - (Date.now() - last);
      if (left <= 0) {
        window.clearInterval(timer);
        void signOutTo("/login?reason=idle");
        return;
      }
      warning.current = left <= WARN_BEFORE_MS;
      setRemainingMs(warning.current ? left : null);
      if (warning.current) setWarned(true);
    }, 1_000);
    return () => {
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
      window.clearInterval(timer);
    };
  }, [markActive]);

  const stay = (): void => {
    warning.current = false;
    setRemainingMs(null);
    lastPing.current = 0;
    markActive();
  };

  const open = remainingMs !== null;
  const seconds = Math.max(0, Math.ceil((remainingMs ?? 0) / 1000));
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  // The dialog's code is loaded the first time it is needed and kept mounted after that, so it
  // can close (and hand focus back) normally.
  if (!warned) return null;
  return (
    <IdleWarningDialog
      open={open}
      clock={clock}
      onStay={stay}
      onSignOut={() => void signOutTo("/login")}
    />
  );
}
