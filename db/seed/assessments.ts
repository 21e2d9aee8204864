/**
 * Symptom scales across each patient's course: a baseline at intake and before the first dose,
 * then before dosing sessions and at follow-ups. Scores follow the patient's response class with
 * ketamine's typical shape — most of the change within the first few sessions — and every total,
 * band and flag comes from `scoreAssessment`.
 */
import { scoreAssessment, type CssrsRisk, type InstrumentCode } from "@/lib/clinical/instruments";
import type { assessments } from "../schema";
import { addMinutes } from "./calendar";
import { answersFor } from "./answers";
import type { PatientProfile, ResponseClass } from "./patients";
import type { SessionPlan } from "./plan";
import type { Random } from "./random";

type Row = typeof assessments.$inferInsert;

/** Dosing sessions as given: when the dose started and how strong it was. */
export type DoseInfo = { doseStart: Date; dissociation: number };

const FINAL_FRACTION: Record<ResponseClass, [number, number]> = {
  remitter: [0.08, 0.18],
  responder: [0.28, 0.42],
  partial: [0.56, 0.72],
  "non-responder": [0.85, 1.02],
};

const CADSS_MEAN: Record<string, number> = {
  iv_ketamine: 12,
  im_ketamine: 22,
  intranasal_esketamine: 14,
  sublingual_ketamine: 8,
};

const TAU = 1.8;
const improvement = (doses: number, planned: number): number =>
  doses >= planned ? 1 : (1 - Math.exp(-doses / TAU)) / (1 - Math.exp(-planned / TAU));

type Ctx = { rng: Random; uuid: () => string; clock: Date };

class PatientScales {
  readonly rows: Row[] = [];
  private readonly finals = new Map<InstrumentCode, number>();
  private readonly planned: number;
  private readonly doseTimes: number[];

  constructor(
    private readonly ctx: Ctx,
    private readonly p: PatientProfile,
    sessions: readonly SessionPlan[],
    doses: ReadonlyMap<string, DoseInfo>,
  ) {
    const [lo, hi] = FINAL_FRACTION[p.response];
    for (const code of p.instruments) this.finals.set(code, ctx.rng.real(lo, hi));
    const firstDosing = sessions.find((s) => s.kind === "dosing");
    this.planned = firstDosing?.course?.plannedSessions ?? 6;
    this.doseTimes = sessions.flatMap((s) => {
      const dose = doses.get(s.id);
      return dose ? [dose.doseStart.getTime()] : [];
    });
  }

  /** Fraction of baseline expected at `at`, from the number of doses given before it. */
  fraction(code: InstrumentCode, at: Date): number {
    const doses = this.doseTimes.filter((t) => t < at.getTime()).length;
    const final = this.finals.get(code) ?? 1;
    return 1 - (1 - final) * improvement(doses, this.planned);
  }

  add(
    code: InstrumentCode,
    at: Date,
    enteredBy: string,
    session: SessionPlan | null,
    target?: number,
    cssrsRisk?: CssrsRisk,
  ): void {
    const { rng } = this.ctx;
    if (at > this.ctx.clock) return;
    const frac = this.fraction(code, at);
    const baseline = this.p.baseline[code] ?? 0;
    const wanted =
      target ?? baseline * frac + rng.normal(0, code === "PCL-5" || code === "MADRS" ? 2 : 1);
    const earlyCourse = frac > 0.7;
    const si = this.p.suicidalIdeation && earlyCourse;
    const suicidalItem =
      code === "PHQ-9"
        ? si
          ? 1
          : 0
        : code === "MADRS"
          ? si
            ? 2
            : wanted >= 24
              ? 1
              : 0
          : code === "QIDS-SR16"
            ? si
              ? 1
              : 0
            : 0;
    const answers = answersFor(rng, code, wanted, { suicidalItem, cssrsRisk });
    const outcome = scoreAssessment(code, answers);
    if (!outcome.ok)
      throw new Error(`Seed produced an invalid ${code}: ${outcome.errors.join("; ")}`);
    this.rows.push({
      id: this.ctx.uuid(),
      patientId: this.p.id,
      sessionId: session?.id ?? null,
      instrument: code,
      administeredAt: at,
      answers,
      total: outcome.score.total,
      band: outcome.score.band,
      flags: outcome.score.flags,
      rater: code === "MADRS" || code === "CADSS" || code === "C-SSRS" ? "clinician" : "self",
      enteredBy,
      createdAt: at,
    });
  }
}

const has = (p: PatientProfile, code: InstrumentCode): boolean => p.instruments.includes(code);

export function buildAssessments(
  ctx: Ctx,
  patient: PatientProfile,
  sessions: readonly SessionPlan[],
  doses: ReadonlyMap<string, DoseInfo>,
): Row[] {
  const { rng } = ctx;
  const scales = new PatientScales(ctx, patient, sessions, doses);
  const psychiatristOf = (s: SessionPlan): string => s.psychiatristId ?? patient.psychiatrist.id;
  const selfReport = (s: SessionPlan, at: Date, enteredBy: string): void => {
    scales.add("PHQ-9", at, enteredBy, s);
    scales.add("GAD-7", addMinutes(at, 2), enteredBy, s);
  };
  for (const s of sessions) {
    const done = s.status === "completed" || s.status === "in_progress";
    if (s.kind === "intake" && s.status === "completed") {
      const at = addMinutes(s.start, 15);
      const risk: CssrsRisk = patient.cssrsModerate
        ? "moderate"
        : patient.suicidalIdeation || (has(patient, "MADRS") && rng.chance(0.3))
          ? "low"
          : "none";
      scales.add("C-SSRS", at, psychiatristOf(s), s, undefined, risk);
      selfReport(s, addMinutes(at, 20), psychiatristOf(s));
      if (has(patient, "PCL-5")) scales.add("PCL-5", addMinutes(at, 25), psychiatristOf(s), s);
      if (has(patient, "MADRS")) scales.add("MADRS", addMinutes(at, 50), psychiatristOf(s), s);
    } else if (s.kind === "dosing" && (done || s.status === "checked_in")) {
      const i = s.dosingIndex ?? 0;
      const maintenance = s.course?.phase === "maintenance";
      const at = s.status === "checked_in" ? addMinutes(ctx.clock, -4) : addMinutes(s.start, 3);
      const nurse = s.nurseId ?? patient.psychiatrist.id;
      selfReport(s, at, nurse);
      // Clinician and longer scales at baseline and about weekly after it.
      const weekly = maintenance ? i % 2 === 0 : [0, 2, 5, 7, 9, 11].includes(i);
      if (has(patient, "MADRS") && weekly)
        scales.add("MADRS", addMinutes(at, 6), psychiatristOf(s), s);
      if (has(patient, "QIDS-SR16") && weekly) scales.add("QIDS-SR16", addMinutes(at, 4), nurse, s);
      if (has(patient, "PCL-5") && (i === 0 || i % 3 === 2))
        scales.add("PCL-5", addMinutes(at, 5), nurse, s);
      if (patient.cssrsModerate && i === 0 && !maintenance)
        scales.add("C-SSRS", addMinutes(at, 8), psychiatristOf(s), s, undefined, "low");
      const dose = doses.get(s.id);
      if (done && dose && rng.chance(0.65)) {
        // Dissociation is measured near the peak and fades over repeated sessions.
        const mean =
          (CADSS_MEAN[s.course?.protocol ?? "iv_ketamine"] ?? 12) *
          dose.dissociation *
          Math.pow(0.93, i);
        scales.add(
          "CADSS",
          addMinutes(dose.doseStart, 45),
          nurse,
          s,
          Math.max(0, rng.normal(mean, 4)),
        );
      }
    } else if (
      s.kind === "follow_up" &&
      s.status === "completed" &&
      patient.status !== "screening"
    ) {
      selfReport(s, addMinutes(s.start, 2), psychiatristOf(s));
      if (has(patient, "MADRS")) scales.add("MADRS", addMinutes(s.start, 10), psychiatristOf(s), s);
    }
  }
  return scales.rows;
}
