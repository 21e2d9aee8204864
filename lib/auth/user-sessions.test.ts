import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_LIMIT_MS,
  IDLE_LIMIT_MS,
  judgeSession,
  sessionDeadlines,
  TOUCH_EVERY_MS,
} from "@/lib/auth/user-sessions";

const SIGNED_IN = new Date("2026-03-11T12:00:00Z");
const at = (ms: number): Date => new Date(SIGNED_IN.getTime() + ms);
const session = (lastSeenMs: number, endedAt: Date | null = null) => ({
  id: "s",
  createdAt: SIGNED_IN,
  lastSeenAt: at(lastSeenMs),
  endedAt,
});

describe("a sign-in session", () => {
  it("is open until 15 minutes without activity, and closed at 15 minutes", () => {
    expect(IDLE_LIMIT_MS).toBe(15 * 60_000);
    expect(judgeSession(session(0), at(IDLE_LIMIT_MS - 1))).toEqual({ valid: true });
    expect(judgeSession(session(0), at(IDLE_LIMIT_MS))).toEqual({ valid: false, reason: "idle" });
  });

  it("stays open while there is activity", () => {
    const lastSeen = 10 * 60 * 60_000;
    expect(judgeSession(session(lastSeen), at(lastSeen + IDLE_LIMIT_MS - 1)).valid).toBe(true);
  });

  it("ends 12 hours after sign-in however active", () => {
    expect(ABSOLUTE_LIMIT_MS).toBe(12 * 60 * 60_000);
    const busy = session(ABSOLUTE_LIMIT_MS - 60_000);
    expect(judgeSession(busy, at(ABSOLUTE_LIMIT_MS - 1)).valid).toBe(true);
    expect(judgeSession(busy, at(ABSOLUTE_LIMIT_MS))).toEqual({ valid: false, reason: "expired" });
  });

  it("is closed once signed out, and when there is no row", () => {
    expect(judgeSession(session(0, at(1000)), at(2000))).toEqual({
      valid: false,
      reason: "ended",
    });
    expect(judgeSession(null, at(0))).toEqual({ valid: false, reason: "missing" });
  });

  it("reports its deadlines from the activity just noted", () => {
    const recent = sessionDeadlines(session(0), at(TOUCH_EVERY_MS - 1));
    expect(recent.idleAt).toBe(at(IDLE_LIMIT_MS).toISOString());
    const later = sessionDeadlines(session(0), at(TOUCH_EVERY_MS));
    expect(later.idleAt).toBe(at(TOUCH_EVERY_MS + IDLE_LIMIT_MS).toISOString());
    expect(later.expiresAt).toBe(at(ABSOLUTE_LIMIT_MS).toISOString());
  });
});
