/**
 * Plain words for conflict messages: who, what and when, in clinic time, so the person booking
 * can see which session is in the way without opening it.
 */
import type { SessionKind } from "@/db/schema";
import { SESSION_KIND_LABEL } from "@/lib/labels";
import { formatClinicDateTime, formatClinicTimeRange } from "./clinic-time";

type Described = {
  kind: SessionKind;
  start: Date;
  end: Date;
  roomName?: string;
};

const ARTICLE: Readonly<Record<SessionKind, "a" | "an">> = {
  intake: "an",
  preparation: "a",
  dosing: "a",
  integration: "an",
  follow_up: "a",
};

const MS_PER_MINUTE = 60_000;

/** A caller-supplied name, or the fallback when it is missing or blank. */
export function nameOf(name: string | undefined, fallback: string): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : fallback;
}

/** "dosing", or with `withArticle` "an intake session". */
export function sessionPhrase(kind: SessionKind, withArticle: boolean): string {
  const label = SESSION_KIND_LABEL[kind].toLowerCase();
  return withArticle ? `${ARTICLE[kind]} ${label} session` : label;
}

/** "10:00–11:30 AM" in clinic time. */
export function timeRange(session: Described, timeZone: string): string {
  return formatClinicTimeRange(session.start, session.end, timeZone);
}

/** "10:00–11:30 AM in Chair A" (the room only when it has a name). */
export function describeInRoom(session: Described, timeZone: string): string {
  const room = session.roomName?.trim();
  return room ? `${timeRange(session, timeZone)} in ${room}` : timeRange(session, timeZone);
}

/** "Tue, Mar 11, 10:00 AM" in clinic time. */
export function describeWithTime(session: Described, timeZone: string): string {
  return formatClinicDateTime(session.start, timeZone);
}

/** "20 h", "23 h 59 min" or "45 min" between two instants, in whole minutes. */
export function hoursApart(a: Date, b: Date): string {
  const minutes = Math.floor(Math.abs(a.getTime() - b.getTime()) / MS_PER_MINUTE);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
