/**
 * Each patient's story as a list of sessions by clinic day: intake, preparation, the dosing
 * series with its cadence, integration and follow-up. Times and rooms come later (scheduler).
 */
import type { Protocol, SessionKind, SessionStatus } from "../schema";
import type { PatientProfile } from "./patients";
import type { CoursePlan, SessionIntent, TodayPlacement } from "./plan";
import { sessionLength } from "./protocols";
import {
  INDUCTION_SESSIONS,
  addOrders,
  cadenceFor,
  makeCourse,
  seriesDays,
  type SeriesContext as Ctx,
} from "./series";

export const HORIZON_DAYS = 14;

/** A today session placed by hand (see today.ts). */
export type TodayAssignment = {
  kind: SessionKind;
  dosingIndex: number | null;
  status: SessionStatus;
  placement: TodayPlacement;
};

class PatientTimeline {
  readonly intents: SessionIntent[] = [];
  private readonly days = new Set<number>();

  constructor(
    private readonly ctx: Ctx,
    readonly p: PatientProfile,
  ) {}

  has(day: number): boolean {
    return this.days.has(day);
  }

  add(
    kind: SessionKind,
    day: number,
    course: CoursePlan | null,
    extra: Partial<SessionIntent> = {},
  ): boolean {
    if (day > HORIZON_DAYS || this.days.has(day)) return false;
    this.days.add(day);
    const { occupancyMin } = sessionLength(kind, course?.protocol ?? this.p.protocol);
    this.ctx.load.set(day, (this.ctx.load.get(day) ?? 0) + occupancyMin);
    this.intents.push({
      patient: this.p,
      course,
      kind,
      day,
      dosingIndex: null,
      status: "auto",
      cancelReason: null,
      ...extra,
    });
    return true;
  }

  /** A non-dosing visit on the quietest free clinic day of the next few from `day`. */
  addNear(kind: SessionKind, day: number, course: CoursePlan | null, step: 1 | -1 = 1): void {
    const cal = this.ctx.cal;
    const candidates: number[] = [];
    for (
      let d = cal.clinicDayFrom(day, step);
      candidates.length < 3;
      d = cal.clinicDayFrom(d + step, step)
    ) {
      if (!this.days.has(d) && d <= HORIZON_DAYS) candidates.push(d);
      if (Math.abs(d - day) > 10) break;
    }
    const load = (d: number): number => this.ctx.load.get(d) ?? 0;
    const best = candidates.reduce<number | null>(
      (a, d) => (a === null || load(d) < load(a) ? d : a),
      null,
    );
    if (best !== null) this.add(kind, best, course);
  }

  dosing(course: CoursePlan, days: readonly number[], from = 0, to = days.length): void {
    for (let i = from; i < to; i += 1) {
      const day = days[i];
      if (day !== undefined) this.add("dosing", day, course, { dosingIndex: i });
    }
  }

  /** Preparation and intake before the first dose; integration after doses (not biochemical). */
  wrap(course: CoursePlan, days: readonly number[], withIntake: boolean): void {
    const first = days[0] ?? 0;
    const rng = this.ctx.rng;
    if (withIntake) this.addNear("intake", first - rng.int(12, 20), null, -1);
    this.addNear("preparation", first - rng.int(2, 5), course, -1);
    const everyDose = course.paradigm !== "biochemical";
    days.forEach((d, i) => {
      if (everyDose ? i % 2 === 0 || course.paradigm === "psychedelic" : i === 3) {
        this.addNear(everyDose ? "integration" : "follow_up", d + rng.int(1, 2), course);
      }
    });
  }
}

export type Timeline = { intents: SessionIntent[]; courses: CoursePlan[] };

export function buildTimeline(
  ctx: Ctx,
  p: PatientProfile,
  today: TodayAssignment | undefined,
): Timeline {
  const timeline = buildStory(ctx, p, today);
  // Today's hand-placed session belongs to the course it serves.
  const current = timeline.courses[timeline.courses.length - 1] ?? null;
  for (const intent of timeline.intents) {
    if (intent.today && intent.kind !== "intake" && intent.kind !== "follow_up") {
      intent.course = current;
    }
  }
  return timeline;
}

function buildStory(ctx: Ctx, p: PatientProfile, today: TodayAssignment | undefined): Timeline {
  const { cal, rng } = ctx;
  const t = new PatientTimeline(ctx, p);
  const courses: CoursePlan[] = [];
  if (today) {
    t.add(today.kind, 0, null, {
      status: today.status,
      dosingIndex: today.dosingIndex,
      today: today.placement,
    });
  }
  const todayIndex = today?.kind === "dosing" ? today.dosingIndex : null;
  const pastDay = (min: number, max: number): number => cal.clinicDayFrom(-rng.int(min, max), -1);

  if (p.status === "intake") {
    if (rng.chance(0.25)) t.add("intake", pastDay(3, 8), null, { status: "no_show" });
    if (today?.kind !== "intake")
      t.add("intake", cal.clinicDayFrom(rng.int(1, HORIZON_DAYS - 2), 1), null);
    return { intents: t.intents, courses };
  }

  if (p.status === "screening") {
    t.add("intake", pastDay(5, 18), null);
    if (!p.screeningComplete) {
      t.addNear("follow_up", rng.int(2, 10), null);
      return { intents: t.intents, courses };
    }
    const course = makeCourse(ctx, p, "induction", INDUCTION_SESSIONS[course0(p)]);
    course.status = "planned";
    const prep = today?.kind === "preparation" ? 0 : cal.clinicDayFrom(rng.int(1, 7), 1);
    if (today?.kind !== "preparation") t.add("preparation", prep, course);
    const days = seriesDays(
      ctx,
      { day: cal.clinicDayFrom(prep + rng.int(3, 6), 1), index: 0 },
      course.plannedSessions,
      cadenceFor(course.protocol, p, rng),
      (d) => t.has(d),
    );
    t.dosing(course, days);
    addOrders(ctx, course, days);
    courses.push(course);
    return { intents: t.intents, courses };
  }

  const protocol = course0(p);
  const gap = cadenceFor(protocol, p, rng);
  const n = INDUCTION_SESSIONS[protocol];
  const induction = makeCourse(ctx, p, "induction", n);
  courses.push(induction);
  let days: number[];
  if (p.status === "active") {
    const k = todayIndex ?? rng.int(protocol === "intranasal_esketamine" ? 2 : 1, n - 1);
    const anchorDay = todayIndex !== null ? 0 : cal.clinicDayFrom(rng.int(1, 4), 1);
    days = seriesDays(ctx, { day: anchorDay, index: k }, n, gap, (d) => t.has(d));
  } else if (p.status === "discontinued") {
    days = seriesDays(ctx, { day: pastDay(12, 28), index: 0 }, n, gap, (d) => t.has(d));
  } else {
    // Completed and maintenance patients finished their induction in the past; a Spravato
    // patient moves to maintenance dosing straight after week 8.
    const ago =
      p.status === "completed"
        ? rng.int(8, 30)
        : protocol === "intranasal_esketamine"
          ? rng.int(10, 18)
          : rng.int(30, 40);
    days = seriesDays(ctx, { day: pastDay(ago, ago), index: n - 1 }, n, gap, (d) => t.has(d));
  }
  addOrders(ctx, induction, days);

  if (p.status === "discontinued") {
    const stopAfter = rng.int(2, 3);
    const given = days.slice(0, stopAfter);
    t.dosing(induction, given);
    t.wrap(induction, given, true);
    induction.status = "discontinued";
    induction.discontinueReason = discontinueReason(p);
    const missed = days[stopAfter];
    if (missed !== undefined && missed < 0) {
      t.add("dosing", missed, induction, {
        dosingIndex: stopAfter,
        status: "cancelled",
        cancelReason: `Course discontinued: ${induction.discontinueReason}`,
      });
    }
    t.addNear("follow_up", (given[given.length - 1] ?? 0) + rng.int(5, 9), null);
    return { intents: t.intents, courses };
  }

  t.dosing(induction, days);
  t.wrap(induction, days, true);
  if (p.status === "active") return { intents: t.intents, courses };
  induction.status = "completed";
  const last = days[n - 1] ?? 0;
  t.addNear("follow_up", last + rng.int(7, 12), null);
  if (p.status === "maintenance") {
    const maintenance = makeCourse(ctx, p, "maintenance", 6);
    courses.push(maintenance);
    const mDays: number[] = [];
    const interval = protocol === "intranasal_esketamine" ? rng.pick([7, 14]) : rng.int(14, 21);
    let d = last;
    while (mDays.length < maintenance.plannedSessions) {
      d = cal.clinicDayFrom(d + interval + rng.int(0, 2), 1);
      if (d > HORIZON_DAYS) break;
      if (!t.has(d)) mDays.push(d);
    }
    t.dosing(maintenance, mDays);
    addOrders(ctx, maintenance, mDays);
  }
  return { intents: t.intents, courses };
}

function course0(p: PatientProfile): Protocol {
  if (!p.protocol) throw new Error(`${p.mrn} has no protocol`);
  return p.protocol;
}

function discontinueReason(p: PatientProfile): string {
  if (p.response === "non-responder")
    return "no meaningful change after the first sessions; patient chose to stop and discuss alternatives";
  return "dissociation distress and nausea at each session; patient declined further dosing";
}
