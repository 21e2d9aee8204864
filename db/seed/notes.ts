/**
 * Brief preparation, integration and progress notes in the voice of a KAP clinic's chart.
 */
import type { Protocol, assessments, notes } from "../schema";
import { addMinutes } from "./calendar";
import type { PatientProfile } from "./patients";
import type { SessionPlan } from "./plan";
import type { Random } from "./random";

type Row = typeof notes.$inferInsert;
type AssessmentRow = typeof assessments.$inferInsert;

const NOUN: Record<Protocol, string> = {
  iv_ketamine: "infusion",
  im_ketamine: "IM session",
  intranasal_esketamine: "esketamine treatment",
  sublingual_ketamine: "lozenge session",
};

const INTENTIONS: readonly string[] = [
  "to feel some hope again",
  "to loosen the grip of the intrusive memories",
  "to be present with my kids",
  "to stop reaching for a drink to cope",
  "to understand the anxiety instead of fighting it",
  "to quiet the constant self-criticism",
  "to get my mornings back",
];

const EXPERIENCES: readonly string[] = [
  "a sense of floating and distance from usual worries",
  "vivid imagery of the childhood home, not distressing",
  "feeling 'outside of time'; brief anxiety at onset that settled with music",
  "warmth and a sense of connection to family",
  "seeing the recurring argument with a partner 'from above', with less charge",
];

const THEMES: readonly string[] = [
  "self-compassion; grief for father",
  "letting go of control",
  "shame and where it was learned",
  "the role alcohol has played in coping",
  "hypervigilance at work and at home",
];

const CHANGES: readonly string[] = [
  "better sleep and more energy in the mornings",
  "fewer intrusive memories this week",
  "mood 'lighter' for three to four days after dosing",
  "no clear change yet",
  "reduced cravings; two alcohol-free weekends",
];

const PLANS: readonly string[] = [
  "daily journaling; walk with a friend twice a week",
  "practise the grounding exercise; continue the series",
  "schedule one pleasant activity daily and review next session",
  "bring the dream log to the next session",
];

function doseText(p: PatientProfile): string {
  const d = p.dose;
  return d.kind === "weight" ? `${d.mgPerKg} mg/kg` : `${d.mg} mg`;
}

function pct(baseline: number, latest: number): string {
  return baseline === 0 ? "—" : `${Math.round(((latest - baseline) / baseline) * 100)}%`;
}

export function buildNotes(
  rng: Random,
  uuid: () => string,
  patient: PatientProfile,
  sessions: readonly SessionPlan[],
  scores: readonly AssessmentRow[],
  clock: Date,
): Row[] {
  const rows: Row[] = [];
  const add = (kind: Row["kind"], s: SessionPlan, body: string, authorId: string): void => {
    const createdAt = addMinutes(s.end, rng.int(10, 50));
    if (createdAt > clock) return;
    rows.push({
      id: uuid(),
      patientId: patient.id,
      sessionId: s.id,
      kind,
      authorId,
      body,
      createdAt,
    });
  };
  const author = (s: SessionPlan): string => s.psychiatristId ?? patient.psychiatrist.id;
  const contact = patient.emergencyContactName.split(" ")[0] ?? "a family member";
  const stopped = sessions.find((s) => s.course?.status === "discontinued")?.course;
  const phq = scores.filter((a) => a.instrument === "PHQ-9" && typeof a.total === "number");
  for (const s of sessions) {
    if (s.status !== "completed") continue;
    const protocol = s.course?.protocol ?? patient.protocol;
    const noun = protocol ? NOUN[protocol] : "session";
    if (s.kind === "preparation" && rng.chance(0.8)) {
      add(
        "preparation",
        s,
        `Preparation. Reviewed what to expect with ${noun}s at ${doseText(patient)}: dissociation, perceptual change, transient BP rise, nausea. Intention: "${rng.pick(INTENTIONS)}". Agreed a stop signal and music. Fasting instructions given; ${contact} will drive home. Consent reviewed, questions answered.`,
        author(s),
      );
    } else if (s.kind === "integration" && rng.chance(0.6)) {
      add(
        "integration",
        s,
        `Integration. Patient described ${rng.pick(EXPERIENCES)}. Themes: ${rng.pick(THEMES)}. Reports ${rng.pick(CHANGES)}. Plan: ${rng.pick(PLANS)}.`,
        author(s),
      );
    } else if (s.kind === "follow_up" && stopped?.discontinueReason) {
      add(
        "progress",
        s,
        `Follow-up after stopping ${NOUN[stopped.protocol]}s: ${stopped.discontinueReason}. ${patient.response === "non-responder" ? "Mood much as before the course" : "Some lift in mood, outweighed for the patient by the side effects"}; no safety concerns today. Discussed TMS and an augmentation trial; referral letter sent.`,
        patient.psychiatrist.id,
      );
    } else if (
      s.kind === "dosing" &&
      (s.dosingIndex === 2 || s.dosingIndex === (s.course?.plannedSessions ?? 0) - 1)
    ) {
      const first = phq[0];
      const latest = [...phq].reverse().find((a) => a.administeredAt <= s.end);
      if (!first || !latest || typeof first.total !== "number" || typeof latest.total !== "number")
        continue;
      const change = pct(first.total, latest.total);
      const responded = 2 * (first.total - latest.total) >= first.total;
      const plan =
        s.course?.phase === "maintenance"
          ? "response maintained; continue boosters at the current interval."
          : patient.response === "non-responder"
            ? "no meaningful change yet; discussed options including dose titration and TMS / ECT referral."
            : responded
              ? "response; complete the series and discuss a maintenance schedule."
              : "partial benefit; continue the series and reassess after the next two sessions.";
      const tolerance = patient.hypertensiveResponder
        ? "BP rise above the usual range at peak each time, settling by discharge; monitored per protocol, no antihypertensive needed"
        : "BP rise transient and within the expected range";
      add(
        "progress",
        s,
        `Progress after ${noun} ${s.numberInCourse ?? ""}: PHQ-9 ${first.total} → ${latest.total} (${change}). Tolerating treatment; ${tolerance}. Assessment: ${plan}`,
        patient.psychiatrist.id,
      );
    }
  }
  return rows;
}
