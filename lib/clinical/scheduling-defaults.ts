import { deepFreeze } from "@/lib/clinical/deep-freeze";
import type { Protocol } from "@/db/schema";

/**
 * CLINICAL.md "Scheduling defaults" (and the induction series of "Treatment in a KAP clinic"),
 * in one place. Kept apart from `ClinicalThresholds` so that a clinic can change its calendar
 * without restating its vitals rules; `lib/schedule/*` reads only this.
 */
export type SchedulingDefaults = {
  /** Default session lengths in minutes; dosing by protocol. */
  readonly defaultMinutes: {
    readonly intake: number;
    readonly preparation: number;
    readonly integration: number;
    readonly follow_up: number;
    readonly dosing: Readonly<Record<Protocol, number>>;
  };
  /** Clinic wall-clock hours ("HH:MM", 24 h) in `CLINIC_TZ`; weekdays are ISO (1 = Monday). */
  readonly clinicHours: {
    readonly opens: string;
    readonly closes: string;
    readonly weekdays: readonly number[];
  };
  /** `nurse-ratio`: a nurse may monitor at most this many dosing sessions at one instant. */
  readonly nurseMaxOverlappingDosing: number;
  /** `dosing-interval`: one patient's dosing sessions must start at least this far apart. */
  readonly dosingMinIntervalHours: number;
  /** Induction series ("Courses" in CLINICAL.md "Treatment in a KAP clinic"). */
  readonly series: {
    /** IV: commonly 4–6 infusions over 2–3 weeks; Kapstone plans the full six. */
    readonly ivInductionInfusions: number;
    /** Esketamine (Spravato label): weeks 1–4 twice weekly, weeks 5–8 weekly. */
    readonly esketamineTwiceWeeklyWeeks: number;
    readonly esketamineWeeklyWeeks: number;
    /** Length of the integration session paired with each dosing session. */
    readonly integrationMinutes: number;
  };
};

export const SCHEDULING_DEFAULTS: SchedulingDefaults = deepFreeze({
  defaultMinutes: {
    intake: 90,
    preparation: 60,
    integration: 60,
    follow_up: 30,
    dosing: {
      iv_ketamine: 90,
      im_ketamine: 120,
      intranasal_esketamine: 150,
      sublingual_ketamine: 180,
    },
  },
  clinicHours: { opens: "08:00", closes: "18:00", weekdays: [1, 2, 3, 4, 5] },
  nurseMaxOverlappingDosing: 3,
  dosingMinIntervalHours: 24,
  series: {
    ivInductionInfusions: 6,
    esketamineTwiceWeeklyWeeks: 4,
    esketamineWeeklyWeeks: 4,
    integrationMinutes: 60,
  },
});
