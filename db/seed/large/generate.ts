/**
 * A large, realistic clinic network for performance work: thousands of patients across several
 * locations with two years of history. Patients are generated and inserted in batches so memory
 * stays flat however many are asked for; each patient's profile, dose arithmetic, vitals,
 * assessment answers (scored by lib/clinical) and notes come from the demo seed's generators.
 */
import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "@/lib/auth/password";
import { evaluateVitalsAlerts, minutesFromDose } from "@/lib/clinical/vitals";
import type { Db, Tx } from "../../client";
import { refreshSummaries } from "../../patient-summaries";
import * as schema from "../../schema";
import type { PatientStatus, SessionKind, SessionStatus } from "../../schema";
import { buildAdverseEvents } from "../adverse-events";
import { buildAssessments, type DoseInfo } from "../assessments";
import { ClinicCalendar, addMinutes } from "../calendar";
import {
  buildDosingRecords,
  orderFor,
  restingVitals,
  type BaselineVitals,
  type DosingRecords,
} from "../dosing";
import { buildNotes } from "../notes";
import { buildPatients, type PatientProfile } from "../patients";
import type { CoursePlan, OrderPlan, SessionPlan } from "../plan";
import { DISCHARGE_AFTER_DOSE_START_MIN, sessionLength } from "../protocols";
import { Random } from "../random";
import { courseRows, patientRow, sessionRow, type SessionOutcome } from "../rows";
import { DEMO_PASSWORD } from "../staff";
import { RATIOS, RoomBook, buildNetwork, type Member, type Network } from "./network";

export const LARGE_SEED = 0x4c415247; // "LARG"

/** Tables in insert (foreign-key) order. */
export const TABLES = {
  users: schema.users,
  locations: schema.locations,
  rooms: schema.rooms,
  patients: schema.patients,
  treatmentCourses: schema.treatmentCourses,
  doseOrders: schema.doseOrders,
  sessions: schema.sessions,
  doseAdministrations: schema.doseAdministrations,
  vitals: schema.vitals,
  alerts: schema.alerts,
  assessments: schema.assessments,
  adverseEvents: schema.adverseEvents,
  notes: schema.notes,
} as const;

export type TableName = keyof typeof TABLES;
type Rows = { [K in TableName]: (typeof TABLES)[K]["$inferInsert"][] };
export type Counts = Record<TableName, number>;

const emptyRows = (): Rows => ({
  users: [],
  locations: [],
  rooms: [],
  patients: [],
  treatmentCourses: [],
  doseOrders: [],
  sessions: [],
  doseAdministrations: [],
  vitals: [],
  alerts: [],
  assessments: [],
  adverseEvents: [],
  notes: [],
});

export const zeroCounts = (): Counts => {
  const rows = emptyRows();
  return Object.fromEntries(Object.keys(rows).map((k) => [k, 0])) as Counts;
};

export type LargeOptions = {
  patients: number;
  /** Patients per transaction. */
  batch: number;
  now: Date;
  timeZone: string;
  seed?: number;
  onProgress?: (progress: { patientsDone: number; counts: Counts }) => void;
};

export type LargeSummary = {
  clinicDate: string;
  timeZone: string;
  counts: Counts;
  sessionsToday: number;
  passwordForDemoAccounts: string;
};

// The share of patients with a protocol in each status: a network with a long history holds
// more finished courses than running ones.
const STATUS_MIX: readonly [PatientStatus, number][] = [
  ["active", 0.18],
  ["maintenance", 0.22],
  ["completed", 0.44],
  ["discontinued", 0.08],
  ["screening", 0.08],
];

const HISTORY_DAYS = 730;

type Ctx = {
  cal: ClinicCalendar;
  rng: Random;
  ids: Random;
  uuid: () => string;
  clock: Date;
  rooms: RoomBook;
  network: Network;
};

/** Profiles from the demo caseload generator, re-dealt into the network's statuses and staff. */
class ProfileSource {
  private pool: PatientProfile[] = [];
  private made = 0;

  constructor(private readonly ctx: Ctx) {}

  next(): { p: PatientProfile; location: number } {
    const { rng, ids, cal, network } = this.ctx;
    if (this.pool.length === 0) {
      const anyPsychiatrist = network.psychiatrists[0]?.[0];
      if (!anyPsychiatrist) throw new Error("The network needs a psychiatrist");
      this.pool = buildPatients(rng, ids, cal, [anyPsychiatrist]);
    }
    const p = this.pool.shift();
    if (!p) throw new Error("empty profile pool");
    this.made += 1;
    const location = this.made % network.locationRows.length;
    const team = network.psychiatrists[location] ?? [];
    p.psychiatrist =
      team[Math.floor(this.made / network.locationRows.length) % team.length] ?? p.psychiatrist;
    p.mrn = `KN-${String(100000 + this.made).padStart(7, "0")}`;
    if (p.protocol) {
      let roll = rng.next();
      p.status = "screening";
      for (const [status, share] of STATUS_MIX) {
        if (roll < share) {
          p.status = status;
          break;
        }
        roll -= share;
      }
      p.screeningComplete = p.status !== "screening" || rng.chance(0.5);
    }
    p.hypertensiveResponder = rng.chance(0.03);
    p.suicidalIdeation = rng.chance(0.06);
    p.cssrsModerate = p.suicidalIdeation && rng.chance(0.25);
    return { p, location };
  }
}

const DISCONTINUE_REASONS: readonly string[] = [
  "no meaningful change after the first sessions; patient chose to stop and discuss alternatives",
  "dissociation distress and nausea at each session; patient declined further dosing",
  "moved out of state; care transferred",
  "insurance authorisation not renewed",
];

const CANCEL_REASONS: readonly string[] = [
  "Patient unwell (cold symptoms)",
  "No ride home available",
  "Rescheduled at patient request",
  "Blood pressure above threshold at check-in; rebooked",
];

/** One patient's courses and sessions, booked into rooms as they are made. */
class Timeline {
  readonly courses: CoursePlan[] = [];
  readonly sessions: SessionPlan[] = [];
  private lastDay = -Infinity;

  constructor(
    private readonly ctx: Ctx,
    private readonly p: PatientProfile,
    private readonly location: number,
  ) {}

  private nurseFor(roomId: string): Member | undefined {
    const team = this.ctx.network.nurses[this.location] ?? [];
    let h = 0;
    for (let i = 0; i < 8; i += 1) h = (h * 31 + roomId.charCodeAt(i)) >>> 0;
    return team[h % team.length];
  }

  add(
    kind: SessionKind,
    wantedDay: number,
    course: CoursePlan | null,
    dosingIndex: number | null = null,
    cancelReason: string | null = null,
  ): SessionPlan {
    const { cal, clock, rooms } = this.ctx;
    const day = cal.clinicDayFrom(Math.max(wantedDay, this.lastDay + 1), 1);
    this.lastDay = day;
    const booking = rooms.book(this.location, day, kind === "dosing");
    const start = cal.at(day, booking.minute);
    const end = addMinutes(
      start,
      sessionLength(kind, course?.protocol ?? this.p.protocol).durationMin,
    );
    let status: SessionStatus;
    if (cancelReason) status = cancelReason.startsWith("No-show") ? "no_show" : "cancelled";
    else if (end <= clock) status = "completed";
    else if (start <= clock) status = "in_progress";
    else status = "scheduled";
    const nurse = this.nurseFor(booking.roomId);
    const s: SessionPlan = {
      id: this.ctx.ids.uuid(),
      patient: this.p,
      course,
      kind,
      day,
      start,
      end,
      roomId: booking.roomId,
      psychiatristId: this.p.psychiatrist.id,
      nurseId: kind === "dosing" || kind === "preparation" ? (nurse?.id ?? null) : null,
      status,
      dosingIndex,
      numberInCourse: dosingIndex === null ? null : dosingIndex + 1,
      cancelReason: status === "cancelled" || status === "no_show" ? cancelReason : null,
    };
    this.sessions.push(s);
    return s;
  }

  course(
    phase: CoursePlan["phase"],
    status: CoursePlan["status"],
    plannedSessions: number,
  ): CoursePlan {
    const { p } = this;
    const protocol = p.protocol;
    if (!protocol) throw new Error(`${p.mrn} has no protocol`);
    const ids = this.ctx.ids;
    const orders: OrderPlan[] = [];
    const order = (fromIndex: number, mgPerKg: number | null, mg: number | null): void => {
      orders.push({
        id: ids.uuid(),
        mgPerKg,
        mg,
        infusionMinutes: protocol === "iv_ketamine" ? 40 : null,
        fromDay: 0,
        untilDay: null,
        fromIndex,
      });
    };
    const dose = p.dose;
    if (dose.kind === "weight") {
      const titrated = phase === "maintenance" && dose.titrateToMgPerKg;
      order(0, titrated ? dose.titrateToMgPerKg : dose.mgPerKg, null);
      if (phase === "induction" && dose.titrateToMgPerKg && plannedSessions > 4)
        order(4, dose.titrateToMgPerKg, null);
    } else if (phase === "induction" && dose.firstSessionMg && dose.firstSessionMg !== dose.mg) {
      order(0, null, dose.firstSessionMg);
      order(1, null, dose.mg);
    } else {
      order(0, null, dose.mg);
    }
    const c: CoursePlan = {
      id: ids.uuid(),
      patient: p,
      protocol,
      paradigm: p.paradigm,
      plannedSessions,
      status,
      phase,
      orders,
      discontinueReason: null,
    };
    this.courses.push(c);
    return c;
  }

  /** Gap in days before dosing session `i + 1`: twice weekly for induction, then weekly. */
  private gap(phase: CoursePlan["phase"], i: number): number {
    const { rng } = this.ctx;
    if (phase === "maintenance") return rng.int(14, 35);
    if (this.p.protocol === "sublingual_ketamine") return 7;
    return i < 6 ? rng.pick([3, 4]) : 7;
  }

  /** Days of `count` dosing sessions, timed so that about `past` of them fall before today. */
  private series(phase: CoursePlan["phase"], count: number, firstDay: number): number[] {
    const days: number[] = [firstDay];
    for (let i = 1; i < count; i += 1) days.push((days[i - 1] ?? 0) + this.gap(phase, i - 1));
    return days;
  }

  private runSeries(course: CoursePlan, days: readonly number[], stopAfter = Infinity): void {
    const { rng } = this.ctx;
    const integrating = this.p.paradigm !== "biochemical";
    days.forEach((day, i) => {
      if (i >= stopAfter) return;
      if (i > 0 && day < 0 && rng.chance(0.03)) {
        this.add(
          "dosing",
          day - 1,
          course,
          null,
          rng.chance(0.3) ? "No-show" : rng.pick(CANCEL_REASONS),
        );
      }
      this.add("dosing", day, course, i);
      if (integrating ? rng.chance(0.6) : i % 4 === 3 && rng.chance(0.3)) {
        this.add("integration", day + rng.int(1, 2), course);
      }
    });
  }

  private intake(day: number): void {
    this.add("intake", day, null);
    if (this.p.paradigm !== "biochemical")
      this.add("preparation", day + this.ctx.rng.int(5, 9), null);
  }

  build(): void {
    const { rng } = this.ctx;
    const p = this.p;
    switch (p.status) {
      case "intake":
        this.add("intake", rng.int(-2, 14), null);
        return;
      case "screening": {
        const intakeDay = -rng.int(3, 20);
        this.add("intake", intakeDay, null);
        if (p.screeningComplete) {
          const c = this.course("induction", "planned", rng.int(6, 12));
          if (p.paradigm !== "biochemical") this.add("preparation", rng.int(1, 6), null);
          this.add("dosing", rng.int(7, 14), c, 0);
        }
        return;
      }
      case "active": {
        const past = rng.int(8, 16);
        const ahead = rng.int(1, 4);
        const c = this.course("induction", "active", past + ahead);
        const first = -this.series("induction", past + 1, 0).at(-1)! + rng.int(-2, 1);
        this.intake(first - rng.int(14, 24));
        this.runSeries(c, this.series("induction", past + ahead, first));
        return;
      }
      case "maintenance": {
        const start = -rng.int(120, 600);
        this.intake(start - rng.int(14, 24));
        const induction = this.course("induction", "completed", rng.int(6, 8));
        const days = this.series("induction", induction.plannedSessions, start);
        this.runSeries(induction, days);
        const boosterStart = (days.at(-1) ?? start) + rng.int(14, 28);
        const count = Math.max(1, Math.ceil((0 - boosterStart) / 24) + 1);
        const boosters = this.course("maintenance", "active", Math.min(count, 30));
        this.runSeries(boosters, this.series("maintenance", Math.min(count, 30), boosterStart));
        return;
      }
      case "completed": {
        const planned = rng.int(6, 12);
        const span = this.series("induction", planned, 0).at(-1)! + 40;
        const start = -rng.int(span, HISTORY_DAYS);
        this.intake(start - rng.int(14, 24));
        const c = this.course("induction", "completed", planned);
        const days = this.series("induction", planned, start);
        this.runSeries(c, days);
        this.add("follow_up", (days.at(-1) ?? start) + 28, c);
        return;
      }
      case "discontinued": {
        const planned = rng.int(6, 12);
        const start = -rng.int(40, HISTORY_DAYS);
        this.intake(start - rng.int(14, 24));
        const c = this.course("induction", "discontinued", planned);
        c.discontinueReason = rng.pick(DISCONTINUE_REASONS);
        const given = rng.int(1, 5);
        const days = this.series("induction", planned, start);
        this.runSeries(c, days, given);
        this.add("follow_up", (days[given - 1] ?? start) + 14, c);
        return;
      }
    }
  }
}

/** More checks after the protocol timepoints: the pre-discharge check and a few rechecks. */
function addDischargeChecks(
  rng: Random,
  uuid: () => string,
  s: SessionPlan,
  records: DosingRecords,
  protocol: NonNullable<PatientProfile["protocol"]>,
): void {
  const baseline = records.vitals[0];
  const doseStart = records.dose.startedAt;
  if (!baseline || !doseStart) return;
  const discharge = DISCHARGE_AFTER_DOSE_START_MIN[protocol];
  const minutes = [discharge - 2];
  if (protocol === "intranasal_esketamine") minutes.unshift(105);
  if (rng.chance(0.35)) minutes.unshift(discharge - 12);
  const bp = { systolic: baseline.systolic, diastolic: baseline.diastolic };
  for (const minute of minutes) {
    const takenAt = addMinutes(doseStart, minute);
    const systolic = bp.systolic + rng.int(-3, 6);
    const reading = {
      systolic,
      diastolic: Math.min(systolic - 28, bp.diastolic + rng.int(-2, 4)),
      heartRate: baseline.heartRate + rng.int(-4, 5),
      spo2: rng.int(96, 99),
      respiratoryRate: rng.int(12, 17),
      moaas: 5,
    };
    const id = uuid();
    records.vitals.push({
      id,
      sessionId: s.id,
      takenAt,
      minutesFromDose: minutesFromDose(takenAt, doseStart),
      ...reading,
      temperatureC: null,
      recordedBy: baseline.recordedBy,
      createdAt: takenAt,
    });
    for (const alert of evaluateVitalsAlerts(reading, bp)) {
      records.alerts.push({
        id: uuid(),
        sessionId: s.id,
        vitalsId: id,
        code: alert.code,
        level: alert.level,
        message: alert.message,
        value: alert.value,
        threshold: alert.threshold,
        raisedAt: takenAt,
        acknowledgedAt: addMinutes(takenAt, rng.int(1, 4)),
        acknowledgedBy: baseline.recordedBy,
      });
    }
  }
}

/** All rows for one patient, appended to `rows`. Returns how many of their sessions are today. */
function patientRows(ctx: Ctx, p: PatientProfile, location: number, rows: Rows): number {
  const { rng, cal, uuid, clock } = ctx;
  const timeline = new Timeline(ctx, p, location);
  timeline.build();
  const own = [...timeline.sessions].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const course of timeline.courses) {
    const built = courseRows(rng, cal, course, own);
    rows.treatmentCourses.push(built.course);
    rows.doseOrders.push(...built.orders);
  }
  let resting: BaselineVitals | null = null;
  const doses = new Map<string, DoseInfo>();
  let today = 0;
  for (const s of own) {
    if (s.day === 0) today += 1;
    const outcome: SessionOutcome = {
      completedAt: s.status === "completed" ? s.end : null,
      dischargedBy: null,
      startedAt: null,
    };
    const given = s.status === "completed" || s.status === "in_progress";
    const order =
      s.course && s.dosingIndex !== null ? orderFor(s.course.orders, s.dosingIndex) : undefined;
    if (s.kind === "dosing" && given && s.course && order) {
      resting ??= restingVitals(rng);
      const records = buildDosingRecords(rng, {
        session: s,
        protocol: s.course.protocol,
        order,
        resting,
        uuid,
        clock,
        lotIndex: s.day < -365 ? 0 : s.day < -90 ? 1 : 2,
      });
      if (s.status === "completed") addDischargeChecks(rng, uuid, s, records, s.course.protocol);
      rows.doseAdministrations.push(records.dose);
      rows.vitals.push(...records.vitals);
      rows.alerts.push(...records.alerts);
      rows.adverseEvents.push(...buildAdverseEvents(rng, uuid, s, records, clock));
      outcome.startedAt = records.dose.startedAt;
      doses.set(s.id, { doseStart: records.dose.startedAt, dissociation: records.dissociation });
      if (s.status === "completed") {
        outcome.completedAt = records.dischargedAt;
        outcome.dischargedBy = s.nurseId;
      }
    }
    rows.sessions.push(sessionRow(rng, s, outcome, clock));
  }
  rows.patients.push(patientRow(rng, cal, p, own));
  const scores = buildAssessments({ rng, uuid, clock }, p, own, doses);
  rows.assessments.push(...scores);
  rows.notes.push(...buildNotes(rng, uuid, p, own, scores, clock));
  return today;
}

/**
 * Rows per statement. Each statement sends its rows as one JSON parameter that the server expands
 * with jsonb_populate_recordset, so there is no bind-parameter limit and no per-value work in
 * the query builder; columns the rows leave out take their defaults.
 */
const ROWS_PER_STATEMENT = 2_000;

async function insertRows(tx: Tx | Db, table: PgTable, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) present.add(key);
  const names = Object.entries(columns)
    .filter(([key]) => present.has(key))
    .map(([, column]) => `"${column.name}"`)
    .join(", ");
  const keys = Object.keys(columns).filter((key) => present.has(key));
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      const out: Record<string, unknown> = {};
      const values = row as Record<string, unknown>;
      for (const key of keys) {
        const column = columns[key];
        if (column && key in values) out[column.name] = values[key];
      }
      return out;
    });
    await tx.execute(
      sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(part)}::jsonb)`,
    );
  }
}

async function insertAll(db: Db, rows: Rows): Promise<void> {
  await db.transaction(async (tx) => {
    // The patient list's summaries: once per batch, not once per table the batch fills.
    await tx.execute(sql`select set_config('kapstone.summaries', 'deferred', true)`);
    for (const name of Object.keys(TABLES) as TableName[]) {
      await insertRows(tx, TABLES[name], rows[name]);
    }
    await refreshSummaries(
      tx,
      rows.patients.flatMap((p) => (p.id ? [p.id] : [])),
    );
  });
}

/** Loads the network into an empty, migrated database, one transaction per batch of patients. */
export async function seedLargeClinic(db: Db, options: LargeOptions): Promise<LargeSummary> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seed = options.seed ?? LARGE_SEED;
  const cal = new ClinicCalendar(options.now, options.timeZone);
  const rng = new Random(seed);
  const ids = new Random(seed ^ 0x5eed);
  const setupAt = cal.at(-HISTORY_DAYS - 60, 9 * 60);
  const network = buildNetwork(rng, ids, options.patients, passwordHash, options.timeZone, setupAt);
  const perLocation = Math.max(
    2,
    Math.ceil(options.patients / RATIOS.room / network.locationRows.length),
  );
  const rooms = new RoomBook(
    ids,
    network.locationRows.map((l) => l.id ?? ""),
    perLocation,
    setupAt,
  );
  const ctx: Ctx = { cal, rng, ids, uuid: () => ids.uuid(), clock: options.now, rooms, network };
  const counts = zeroCounts();
  const tally = (rows: Rows): void => {
    for (const name of Object.keys(TABLES) as TableName[]) counts[name] += rows[name].length;
  };

  const first = emptyRows();
  first.users = network.userRows;
  first.locations = network.locationRows;
  first.rooms = rooms.drain();
  await insertAll(db, first);
  tally(first);

  const source = new ProfileSource(ctx);
  const batch = Math.max(1, options.batch);
  let sessionsToday = 0;
  let done = 0;
  let pending: Promise<void> = Promise.resolve();
  let pendingRows: Rows | null = null;
  while (done < options.patients) {
    const rows = emptyRows();
    const size = Math.min(batch, options.patients - done);
    for (let i = 0; i < size; i += 1) {
      const { p, location } = source.next();
      sessionsToday += patientRows(ctx, p, location, rows);
    }
    rows.rooms = rooms.drain();
    // Generate the next batch while the previous one is written.
    await pending;
    if (pendingRows) {
      tally(pendingRows);
      options.onProgress?.({ patientsDone: done, counts });
    }
    done += size;
    pending = insertAll(db, rows);
    pendingRows = rows;
  }
  await pending;
  if (pendingRows) tally(pendingRows);
  options.onProgress?.({ patientsDone: done, counts });

  await db.insert(schema.auditEvents).values({
    at: options.now,
    action: "seed.large",
    entityType: "clinic",
    outcome: "success",
    detail: { ...counts, sessionsToday },
  });
  return {
    clinicDate: cal.isoDate(0),
    timeZone: options.timeZone,
    counts,
    sessionsToday,
    passwordForDemoAccounts: DEMO_PASSWORD,
  };
}
