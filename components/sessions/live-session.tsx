"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { apiRequest } from "@/lib/api/client";
import type { SessionDetail } from "@/lib/api/session-schemas";

/** How often an open session re-reads itself while its tab is visible. */
const REFRESH_MS = 10_000;
/** Coming back to the tab re-reads the session unless it was read this recently. */
const FRESH_MS = 5_000;

const RefreshSession = createContext<() => void>(() => {});

/** Re-reads the open session now (after a write), from any form inside <LiveSession>. */
export function useRefreshSession(): () => void {
  return useContext(RefreshSession);
}

/**
 * The open session, kept current: re-read every 10 s while the tab is visible, when the tab is
 * shown again, and after every write (`useRefreshSession`). A few lines instead of a query
 * library, so the bedside page loads less before the nurse can type. A read that started before
 * a write never overwrites the read after it, and a failed read keeps what is on screen.
 */
export function useLiveSession(initial: SessionDetail): {
  detail: SessionDetail;
  refresh: () => void;
} {
  const [detail, setDetail] = useState(initial);
  const latest = useRef(0);
  const readAt = useRef(0);

  const refresh = useCallback((): void => {
    const ticket = ++latest.current;
    readAt.current = Date.now();
    apiRequest<SessionDetail>(`/api/v1/sessions/${initial.id}`)
      .then((fresh) => {
        if (ticket === latest.current) setDetail(fresh);
      })
      .catch(() => {
        // Offline or a hiccup: the next read tries again; the screen keeps the last answer.
      });
  }, [initial.id]);

  useEffect(() => {
    readAt.current = Date.now();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, REFRESH_MS);
    const onShown = (): void => {
      if (document.visibilityState === "visible" && Date.now() - readAt.current > FRESH_MS) {
        refresh();
      }
    };
    document.addEventListener("visibilitychange", onShown);
    window.addEventListener("focus", onShown);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onShown);
      window.removeEventListener("focus", onShown);
    };
  }, [refresh]);

  return { detail, refresh };
}

export function LiveSessionRefresh({
  refresh,
  children,
}: {
  refresh: () => void;
  children: React.ReactNode;
}): React.JSX.Element {
  return <RefreshSession value={refresh}>{children}</RefreshSession>;
}
