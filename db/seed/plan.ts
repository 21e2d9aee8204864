/** Shapes shared by the seed's planning steps, before they become table rows. */
import type { Protocol, SessionKind, SessionStatus } from "../schema";
import type { Paradigm, PatientProfile } from "./patients";

export type OrderPlan = {
  id: string;
  mgPerKg: number | null;
  mg: number | null;
  infusionMinutes: number | null;
  fromDay: number;
  untilDay: number | null;
  /** The order covers dosing sessions with this 0-based index and later. */
  fromIndex: number;
};

export type CoursePlan = {
  id: string;
  patient: PatientProfile;
  protocol: Protocol;
  paradigm: Paradigm;
  plannedSessions: number;
  status: "planned" | "active" | "completed" | "discontinued";
  /** Maintenance courses follow an induction; their baseline is already improved. */
  phase: "induction" | "maintenance";
  orders: OrderPlan[];
  discontinueReason: string | null;
};

/** A session the timeline wants; the scheduler gives it a time, room and staff. */
export type SessionIntent = {
  patient: PatientProfile;
  course: CoursePlan | null;
  kind: SessionKind;
  day: number;
  /** 0-based position among the course's dosing sessions. */
  dosingIndex: number | null;
  /** "auto": completed in the past, scheduled in the future. */
  status: SessionStatus | "auto";
  cancelReason: string | null;
  /** Only for today's hand-placed sessions. */
  today?: TodayPlacement;
};

export type TodayPlacement = {
  /** Booking order: the fixed in-progress sessions go in first. */
  rank: number;
  earliest: number;
  latest: number;
  preferredStart: number;
  /** Dosing: the supervising psychiatrist first, then who may stand in. */
  supervisorIds: readonly string[];
  nurseIds: readonly string[];
};

export type SessionPlan = {
  id: string;
  patient: PatientProfile;
  course: CoursePlan | null;
  kind: SessionKind;
  day: number;
  start: Date;
  end: Date;
  roomId: string | null;
  psychiatristId: string | null;
  nurseId: string | null;
  status: SessionStatus;
  dosingIndex: number | null;
  numberInCourse: number | null;
  cancelReason: string | null;
};
