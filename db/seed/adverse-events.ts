/**
 * Adverse events as a clinic records them: mostly mild and resolved before discharge; a marked
 * blood-pressure rise recorded where the vitals show one.
 */
import type { adverseEvents } from "../schema";
import { addMinutes } from "./calendar";
import type { DosingRecords } from "./dosing";
import type { SessionPlan } from "./plan";
import type { Random } from "./random";

type Row = typeof adverseEvents.$inferInsert;

type Template = {
  type: string;
  severity: "mild" | "moderate";
  onsetMin: number;
  resolvesAfterMin: number;
  description: string;
  action: string;
};

const COMMON: readonly Template[] = [
  {
    type: "nausea",
    severity: "mild",
    onsetMin: 35,
    resolvesAfterMin: 30,
    description: "Nausea near the end of dosing, no vomiting.",
    action: "Ondansetron 4 mg ODT given; resolved before discharge.",
  },
  {
    type: "dizziness",
    severity: "mild",
    onsetMin: 50,
    resolvesAfterMin: 20,
    description: "Lightheaded on first attempt to stand.",
    action: "Remained reclined, oral fluids; assisted to stand 20 min later.",
  },
  {
    type: "dissociation distress",
    severity: "moderate",
    onsetMin: 20,
    resolvesAfterMin: 25,
    description: "Became frightened by depersonalisation; tearful.",
    action: "Reassurance and grounding by nurse, music changed; settled within 25 min.",
  },
  {
    type: "headache",
    severity: "mild",
    onsetMin: 60,
    resolvesAfterMin: 45,
    description: "Frontal headache, 3/10.",
    action: "Acetaminophen 650 mg PO; resolved.",
  },
  {
    type: "anxiety",
    severity: "mild",
    onsetMin: 10,
    resolvesAfterMin: 15,
    description: "Anxious at onset of effects.",
    action: "Paced breathing with nurse; resolved.",
  },
];

export function buildAdverseEvents(
  rng: Random,
  uuid: () => string,
  session: SessionPlan,
  records: DosingRecords,
  clock: Date,
): Row[] {
  const rows: Row[] = [];
  const doseStart = records.dose.startedAt;
  const recordedBy = session.nurseId ?? session.patient.psychiatrist.id;
  const add = (t: Template, resolved: boolean): void => {
    const onsetAt = addMinutes(doseStart, t.onsetMin + rng.int(0, 5));
    if (onsetAt > clock) return;
    const resolvedAt = addMinutes(onsetAt, t.resolvesAfterMin + rng.int(0, 10));
    rows.push({
      id: uuid(),
      sessionId: session.id,
      type: t.type,
      description: t.description,
      severity: t.severity,
      onsetAt,
      actionTaken: t.action,
      resolvedAt: resolved && resolvedAt <= clock ? resolvedAt : null,
      recordedBy,
      createdAt: onsetAt,
    });
  };
  const completed = session.status === "completed";
  if (completed && (records.peakRiseSystolic >= 40 || records.peakSystolic >= 175)) {
    const iv = session.course?.protocol === "iv_ketamine";
    add(
      {
        type: "elevated blood pressure",
        severity: records.peakSystolic >= 175 ? "moderate" : "mild",
        onsetMin: 40,
        resolvesAfterMin: 35,
        description: `Peak ${records.peakSystolic} mmHg systolic, asymptomatic; no headache or chest pain.`,
        action: iv
          ? "Infusion paused 10 min, BP rechecked every 5 min, psychiatrist notified; no medication needed."
          : "Observation extended, BP rechecked every 15 min, psychiatrist notified; no medication needed.",
      },
      true,
    );
  }
  // The patient who stopped because of side effects had them at every session.
  const poorTolerance =
    session.patient.status === "discontinued" && session.patient.response === "partial";
  if (poorTolerance && completed) {
    const distress = COMMON[2];
    const nausea = COMMON[0];
    if (distress) add(distress, true);
    if (nausea) add(nausea, true);
  } else if (completed && rng.chance(0.03)) {
    const template = rng.pick(COMMON);
    const psychedelic = session.patient.paradigm === "psychedelic";
    if (template.type !== "dissociation distress" || psychedelic) add(template, true);
  } else if (
    session.status === "in_progress" &&
    session.course?.protocol === "intranasal_esketamine"
  ) {
    // Still being watched at the chair: mild and not yet resolved.
    const nausea = COMMON[0];
    if (nausea)
      add({ ...nausea, onsetMin: 30, action: "Emesis bag at hand; reassess in 15 min." }, false);
  }
  return rows;
}
