import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { patients, rooms, sessions, treatmentCourses, type Protocol } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import {
  activeStaff,
  assertBookable,
  schedulingRules,
  nextDosingNumber,
  sessionsNear,
  withScheduleWrite,
} from "@/lib/schedule/booking";
import { seriesBookSchema, seriesPreviewSchema } from "@/lib/schedule/series-schemas";
import { findConflicts, type Conflict, type ScheduledSession } from "@/lib/schedule/conflicts";
import { planSeries, suggestSlot, type SeriesTemplate } from "@/lib/schedule/series";
import { parseInput } from "@/lib/validation";

const DAY_MS = 86_400_000;
const SUGGESTION_SEARCH_DAYS = 7;

const TEMPLATE_PROTOCOL: Record<SeriesTemplate, Protocol> = {
  "iv-induction": "iv_ketamine",
  "esketamine-induction": "intranasal_esketamine",
};

export type PreviewedSession = {
  index: number;
  kind: "dosing" | "integration";
  dosingNumber: number | null;
  start: string;
  end: string;
  conflicts: { code: string; message: string; overridable: boolean; sessionId?: string }[];
  suggestion: { start: string; end: string } | null;
};

function asDetail(c: Conflict): PreviewedSession["conflicts"][number] {
  return {
    code: c.code,
    message: c.message,
    overridable: c.overridable,
    ...(c.sessionId ? { sessionId: c.sessionId } : {}),
  };
}

/** Every date of the series with its conflicts and, for a conflicting one, the nearest free slot. */
export async function previewSeries(
  db: Db,
  actor: ActorContext,
  rawInput: z.input<typeof seriesPreviewSchema>,
): Promise<{ sessions: PreviewedSession[] }> {
  await authorize(db, actor, "schedule:manage", {
    action: "series.preview",
    entityType: "session",
  });
  const input = parseInput(seriesPreviewSchema, rawInput);
  const rules = await schedulingRules(db);
  const timeZone = rules.timeZone;
  const protocol = TEMPLATE_PROTOCOL[input.template];
  const plan = planSeries({
    template: input.template,
    firstDate: input.firstDate,
    weekdays: input.weekdays,
    time: input.time,
    timeZone,
    withIntegration: input.withIntegration ?? false,
  });
  const accepted: ScheduledSession[] = [];
  const result: PreviewedSession[] = [];
  for (const planned of plan) {
    const candidate: ScheduledSession = {
      patientId: input.patientId,
      kind: planned.kind,
      protocol: planned.kind === "dosing" ? protocol : null,
      roomId: input.roomId,
      psychiatristId: input.psychiatristId ?? null,
      nurseId: input.nurseId ?? null,
      start: planned.start,
      end: planned.end,
    };
    // Earlier sessions of the same series count too: the series must not conflict with itself.
    // Load what the suggestion may move into: its search spans a week either side.
    const searchWindow = {
      ...candidate,
      start: new Date(candidate.start.getTime() - SUGGESTION_SEARCH_DAYS * DAY_MS),
      end: new Date(candidate.end.getTime() + SUGGESTION_SEARCH_DAYS * DAY_MS),
    };
    const existing = [...(await sessionsNear(db, searchWindow)), ...accepted];
    const conflicts = findConflicts(candidate, existing, rules);
    const slot = conflicts.length
      ? suggestSlot(candidate, existing, { ...rules, searchDays: SUGGESTION_SEARCH_DAYS })
      : null;
    accepted.push(slot ? { ...candidate, ...slot } : candidate);
    result.push({
      index: planned.index,
      kind: planned.kind,
      dosingNumber: planned.dosingNumber,
      start: planned.start.toISOString(),
      end: planned.end.toISOString(),
      conflicts: conflicts.map(asDetail),
      suggestion: slot ? { start: slot.start.toISOString(), end: slot.end.toISOString() } : null,
    });
  }
  await recordAudit(db, {
    actor,
    action: "series.preview",
    entityType: "session",
    patientId: input.patientId,
    outcome: "success",
    requestAddress: actor.requestAddress,
    detail: { template: input.template, sessions: result.length },
  });
  return { sessions: result };
}

/** Books the accepted set of a series together: all or nothing. */
export async function bookSeries(
  db: Db,
  actor: ActorContext,
  rawInput: z.input<typeof seriesBookSchema>,
): Promise<{ ids: string[] }> {
  return withScheduleWrite(db, actor, "series.book", null, async (tx) => {
    const input = parseInput(seriesBookSchema, rawInput);
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.id, input.patientId));
    if (!patient)
      throw new AppError("not_found", "No such patient.", [
        { field: "patientId", message: "unknown" },
      ]);
    await activeStaff(tx, input.psychiatristId, "psychiatrist", "psychiatristId");
    await activeStaff(tx, input.nurseId, "nurse", "nurseId");
    const [room] = await tx
      .select({ active: rooms.active })
      .from(rooms)
      .where(eq(rooms.id, input.roomId));
    if (!room?.active)
      throw new AppError("unprocessable", "Choose an active room.", [
        { field: "roomId", message: "unknown or inactive" },
      ]);
    const protocol = TEMPLATE_PROTOCOL[input.template];
    if (input.courseId) {
      const [course] = await tx
        .select({ patientId: treatmentCourses.patientId, protocol: treatmentCourses.protocol })
        .from(treatmentCourses)
        .where(eq(treatmentCourses.id, input.courseId));
      if (course?.patientId !== input.patientId || course.protocol !== protocol) {
        throw new AppError(
          "unprocessable",
          "The course is not this patient's course of that protocol.",
          [{ field: "courseId", message: "does not match" }],
        );
      }
    }
    const rules = await schedulingRules(tx);
    const booked: ScheduledSession[] = [];
    const all: Conflict[] = [];
    let nextNumber = input.courseId ? await nextDosingNumber(tx, input.courseId) : null;
    const ids: string[] = [];
    for (const planned of input.sessions) {
      const candidate: ScheduledSession = {
        patientId: input.patientId,
        kind: planned.kind,
        protocol: planned.kind === "dosing" ? protocol : null,
        roomId: input.roomId,
        psychiatristId: input.psychiatristId ?? null,
        nurseId: input.nurseId ?? null,
        start: new Date(planned.start),
        end: new Date(planned.end),
      };
      if (candidate.end <= candidate.start) {
        throw new AppError("unprocessable", "Every session must end after it starts.", [
          { field: "sessions", message: "end before start" },
        ]);
      }
      all.push(
        ...findConflicts(candidate, [...(await sessionsNear(tx, candidate)), ...booked], rules),
      );
      booked.push(candidate);
    }
    assertBookable(all, input.override);
    for (const candidate of booked) {
      const numberInCourse =
        candidate.kind === "dosing" && nextNumber !== null ? nextNumber++ : null;
      const [row] = await tx
        .insert(sessions)
        .values({
          patientId: input.patientId,
          courseId: input.courseId ?? null,
          kind: candidate.kind,
          scheduledStart: candidate.start,
          scheduledEnd: candidate.end,
          roomId: input.roomId,
          psychiatristId: candidate.psychiatristId,
          nurseId: candidate.nurseId,
          numberInCourse,
        })
        .returning({ id: sessions.id });
      if (!row) throw new AppError("conflict", "The series could not be booked; try again.");
      ids.push(row.id);
    }
    return {
      result: { ids },
      audit: {
        patientId: input.patientId,
        detail: {
          template: input.template,
          sessions: ids.length,
          override: input.override?.reason,
        },
      },
    };
  });
}
