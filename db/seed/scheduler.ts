/**
 * Books seed sessions into rooms and staff without breaking the clinic's own conflict rules
 * (CLINICAL.md "Scheduling defaults"): no room or patient overlap, a psychiatrist in two sessions
 * only when both are dosing, at most three overlapping dosing sessions per nurse, and everything
 * inside 08:00–18:00.
 */
import type { SessionKind } from "../schema";
import { CLOSES_AT_MIN, OPENS_AT_MIN } from "./calendar";
import type { RoomInfo } from "./staff";

const SLOT_MIN = 15;
const MAX_DOSING_PER_NURSE = 3;

export type Booking = {
  patientId: string;
  day: number;
  kind: SessionKind;
  start: number;
  end: number;
  /** When the room is free again: real sessions overrun (post-dose observation) and need turnover. */
  releasedAt: number;
  /** Null: held in the psychiatrist's office because every room was taken. */
  roomId: string | null;
  psychiatristId: string | null;
  nurseId: string | null;
};

export type BookingRequest = {
  patientId: string;
  day: number;
  kind: SessionKind;
  durationMin: number;
  occupancyMin: number;
  preferredStart: number;
  earliest?: number;
  latest?: number;
  /** Non-dosing sessions: this psychiatrist runs the session and must be free. */
  psychiatristId: string | null;
  /** Dosing sessions: preferred supervisor; another free psychiatrist is used if busy. */
  supervisorIds?: readonly string[];
  supervisorRequired?: boolean;
  nurseIds?: readonly string[];
  preferRooms?: "room" | "chair";
  /** Therapy visits may move to the psychiatrist's office when every room is taken. */
  roomOptional?: boolean;
};

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

export class Scheduler {
  private readonly byDay = new Map<number, Booking[]>();

  constructor(private readonly rooms: readonly RoomInfo[]) {}

  bookingsOn(day: number): readonly Booking[] {
    return this.byDay.get(day) ?? [];
  }

  patientBusyOn(patientId: string, day: number): boolean {
    return this.bookingsOn(day).some((b) => b.patientId === patientId);
  }

  private candidateStarts(req: BookingRequest): number[] {
    const earliest = Math.max(OPENS_AT_MIN, req.earliest ?? OPENS_AT_MIN);
    const latest = Math.min(CLOSES_AT_MIN, req.latest ?? CLOSES_AT_MIN) - req.durationMin;
    const starts: number[] = [];
    const preferred = Math.min(latest, Math.max(earliest, req.preferredStart));
    for (let offset = 0; offset <= CLOSES_AT_MIN - OPENS_AT_MIN; offset += SLOT_MIN) {
      for (const s of offset === 0 ? [preferred] : [preferred + offset, preferred - offset]) {
        if (s >= earliest && s <= latest) starts.push(s);
      }
    }
    return starts;
  }

  private roomsInOrder(preference: "room" | "chair" | undefined): RoomInfo[] {
    if (!preference) return [...this.rooms];
    return [
      ...this.rooms.filter((r) => r.kind === preference),
      ...this.rooms.filter((r) => r.kind !== preference),
    ];
  }

  /** Books the first slot (nearest the preferred start) that satisfies every rule, or null. */
  book(req: BookingRequest): Booking | null {
    return this.tryBook(req, true) ?? (req.roomOptional ? this.tryBook(req, false) : null);
  }

  private tryBook(req: BookingRequest, needsRoom: boolean): Booking | null {
    const day = this.bookingsOn(req.day);
    if (day.some((b) => b.patientId === req.patientId)) return null;
    const dosing = req.kind === "dosing";
    for (const start of this.candidateStarts(req)) {
      const end = start + req.durationMin;
      const releasedAt = start + req.occupancyMin;
      const during = day.filter((b) => overlaps(start, end, b.start, b.end));
      const psychiatristId = dosing
        ? this.freeSupervisor(req, during)
        : this.psychiatristFree(req.psychiatristId, during);
      if (psychiatristId === undefined) continue;
      const nurseId = dosing ? this.freeNurse(req.nurseIds ?? [], during, day) : null;
      if (nurseId === undefined) continue;
      const room = this.roomsInOrder(req.preferRooms).find(
        (r) =>
          !day.some((b) => b.roomId === r.id && overlaps(start, releasedAt, b.start, b.releasedAt)),
      );
      if (!room && needsRoom) continue;
      const booking: Booking = {
        patientId: req.patientId,
        day: req.day,
        kind: req.kind,
        start,
        end,
        releasedAt,
        roomId: room?.id ?? null,
        psychiatristId,
        nurseId,
      };
      this.byDay.set(req.day, [...day, booking]);
      return booking;
    }
    return null;
  }

  /** Null is a valid answer (no psychiatrist on the session); undefined means "busy". */
  private psychiatristFree(
    id: string | null,
    during: readonly Booking[],
  ): string | null | undefined {
    if (id === null) return null;
    return during.some((b) => b.psychiatristId === id) ? undefined : id;
  }

  private freeSupervisor(
    req: BookingRequest,
    during: readonly Booking[],
  ): string | null | undefined {
    for (const id of req.supervisorIds ?? []) {
      // Supervising several dosing sessions at once is allowed; a therapy session is not.
      if (!during.some((b) => b.psychiatristId === id && b.kind !== "dosing")) return id;
    }
    return req.supervisorRequired ? undefined : null;
  }

  /**
   * Keeps every dosing session of a nurse overlapping at most two others of theirs, so no
   * session ever counts more than three monitored at once.
   */
  private freeNurse(
    nurseIds: readonly string[],
    during: readonly Booking[],
    day: readonly Booking[],
  ): string | null | undefined {
    if (nurseIds.length === 0) return null;
    const limit = MAX_DOSING_PER_NURSE - 1;
    const theirs = (b: Booking, id: string): boolean => b.nurseId === id && b.kind === "dosing";
    for (const id of nurseIds) {
      const overlapping = during.filter((b) => theirs(b, id));
      if (overlapping.length > limit) continue;
      const saturated = overlapping.some(
        (o) =>
          day.filter((b) => b !== o && theirs(b, id) && overlaps(o.start, o.end, b.start, b.end))
            .length >= limit,
      );
      if (!saturated) return id;
    }
    return undefined;
  }
}
