/**
 * The demo caseload: who the ~60 patients are, what they are treated for and with, and how they
 * are responding. Dates are filled in later by the timeline; this file holds no calendar.
 */
import type { InstrumentCode } from "@/lib/clinical/instruments";
import type { PatientStatus, Protocol } from "../schema";
import type { ClinicCalendar } from "./calendar";
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, NEUTRAL_NAMES } from "./names";
import type { Random } from "./random";
import type { StaffMember } from "./staff";
import { DIAGNOSES_BY_PROTOCOL, type Diagnosis } from "./diagnoses";

export type ResponseClass = "remitter" | "responder" | "partial" | "non-responder";
export type Paradigm = "psychotherapeutic" | "psychedelic" | "biochemical";
export type Sex = "female" | "male" | "other";

export type DosePlan =
  | { kind: "weight"; mgPerKg: number; titrateToMgPerKg: number | null }
  | { kind: "fixed"; mg: number; firstSessionMg: number | null };

export type PatientProfile = {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  weightKg: number;
  diagnosis: Diagnosis;
  status: PatientStatus;
  psychiatrist: StaffMember;
  protocol: Protocol | null;
  paradigm: Paradigm;
  dose: DosePlan;
  response: ResponseClass;
  /** A bigger ketamine blood-pressure rise than usual, enough to fire `bp-rise` / `bp-high`. */
  hypertensiveResponder: boolean;
  /** Contraindication screening done (and consent signed); false while intake / screening runs. */
  screeningComplete: boolean;
  /** Passive suicidal ideation at baseline (PHQ-9 item 9 > 0). */
  suicidalIdeation: boolean;
  /** C-SSRS screener at intake comes out `moderate`. */
  cssrsModerate: boolean;
  instruments: InstrumentCode[];
  /** Baseline totals the answer generator aims for. */
  baseline: Partial<Record<InstrumentCode, number>>;
  phone: string;
  email: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
};

type Plan = { status: PatientStatus; protocol: Protocol | null; response: ResponseClass };

const R: Record<string, ResponseClass> = {
  M: "remitter",
  R: "responder",
  P: "partial",
  N: "non-responder",
};

function plans(status: PatientStatus, protocol: Protocol | null, responses: string): Plan[] {
  return [...responses].map((c) => ({ status, protocol, response: R[c] ?? "responder" }));
}

// The mix a mid-sized KAP clinic might carry: most patients mid-course, a maintenance group of
// earlier responders, and a realistic share of partial and non-responders.
const COMPOSITION: readonly Plan[] = [
  ...plans("active", "iv_ketamine", "MRRPNRPMN"),
  ...plans("active", "intranasal_esketamine", "RMPNRRPRN"),
  ...plans("active", "im_ketamine", "RPMNR"),
  ...plans("active", "sublingual_ketamine", "RPRNM"),
  ...plans("maintenance", "iv_ketamine", "RMRM"),
  ...plans("maintenance", "intranasal_esketamine", "RMRR"),
  ...plans("maintenance", "im_ketamine", "M"),
  ...plans("completed", "iv_ketamine", "MRPR"),
  ...plans("completed", "im_ketamine", "R"),
  ...plans("completed", "sublingual_ketamine", "RP"),
  ...plans("completed", "intranasal_esketamine", "M"),
  ...plans("discontinued", "iv_ketamine", "N"),
  ...plans("discontinued", "intranasal_esketamine", "NP"),
  ...plans("discontinued", "sublingual_ketamine", "N"),
  ...plans("screening", "iv_ketamine", "RR"),
  ...plans("screening", "intranasal_esketamine", "RR"),
  ...plans("screening", "im_ketamine", "R"),
  ...plans("screening", "sublingual_ketamine", "R"),
  ...plans("intake", null, "RRRRR"),
];

function paradigmFor(protocol: Protocol | null, rng: Random): Paradigm {
  switch (protocol) {
    case "intranasal_esketamine":
      return "biochemical";
    case "iv_ketamine":
      return rng.chance(0.7) ? "biochemical" : "psychotherapeutic";
    case "im_ketamine":
      return rng.chance(0.6) ? "psychedelic" : "psychotherapeutic";
    case "sublingual_ketamine":
      return rng.chance(0.7) ? "psychotherapeutic" : "psychedelic";
    case null:
      return "psychotherapeutic";
    default: {
      const unreachable: never = protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
}

function dosePlanFor(
  protocol: Protocol | null,
  paradigm: Paradigm,
  response: ResponseClass,
  rng: Random,
): DosePlan {
  switch (protocol) {
    case "iv_ketamine": {
      // The 0.5 mg/kg / 40 min convention; some start higher, and a slow responder may be
      // titrated to 0.75 mg/kg partway through the series.
      const mgPerKg = rng.chance(0.2) ? 0.75 : 0.5;
      const titrate =
        mgPerKg === 0.5 && response !== "remitter" && response !== "responder" && rng.chance(0.6);
      return { kind: "weight", mgPerKg, titrateToMgPerKg: titrate ? 0.75 : null };
    }
    case "im_ketamine":
      return {
        kind: "weight",
        mgPerKg: paradigm === "psychedelic" ? 0.75 : rng.pick([0.5, 0.6]),
        titrateToMgPerKg: null,
      };
    case "intranasal_esketamine":
      // Spravato: 56 mg on day 1, then 56 or 84 mg.
      return { kind: "fixed", mg: rng.chance(0.65) ? 84 : 56, firstSessionMg: 56 };
    case "sublingual_ketamine":
      return {
        kind: "fixed",
        mg: paradigm === "psychedelic" ? 300 : rng.pick([200, 250]),
        firstSessionMg: null,
      };
    case null:
      return { kind: "weight", mgPerKg: 0.5, titrateToMgPerKg: null };
    default: {
      const unreachable: never = protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
}

function instrumentsFor(diagnosis: Diagnosis, rng: Random): InstrumentCode[] {
  const list: InstrumentCode[] = ["PHQ-9", "GAD-7"];
  if (diagnosis.family === "depression" || diagnosis.family === "bipolar") {
    list.push("MADRS");
    if (rng.chance(0.45)) list.push("QIDS-SR16");
  }
  if (diagnosis.family === "ptsd") list.push("PCL-5");
  return list;
}

function baselineFor(diagnosis: Diagnosis, rng: Random): Partial<Record<InstrumentCode, number>> {
  const f = diagnosis.family;
  const mood = f === "depression" || f === "bipolar";
  return {
    "PHQ-9": mood ? rng.int(16, 24) : rng.int(11, 18),
    "GAD-7": f === "anxiety" || f === "ptsd" ? rng.int(14, 19) : rng.int(8, 16),
    MADRS: rng.int(28, 40),
    "QIDS-SR16": rng.int(15, 22),
    "PCL-5": rng.int(42, 64),
  };
}

function dateOfBirth(calendar: ClinicCalendar, age: number, rng: Random): string {
  // A day within the year after the `age`-th birthday, so the age today is exactly `age`.
  return calendar.isoDate(-Math.round(age * 365.25) - rng.int(1, 360));
}

const PHONE = (area: string, rng: Random): string =>
  `(${area}) 555-01${String(rng.int(0, 99)).padStart(2, "0")}`;

export function buildPatients(
  rng: Random,
  ids: Random,
  calendar: ClinicCalendar,
  psychiatrists: readonly StaffMember[],
): PatientProfile[] {
  const used = new Set<string>();
  let mrnNumber = 117;
  const shuffled = rng.shuffle(COMPOSITION);
  // Round-robin over the psychiatrists, so the demo psychiatrist (first) holds about a third of
  // the caseload in every status.
  const seenPerStatus = new Map<PatientStatus, number>();
  return shuffled.map((plan) => {
    const sexRoll = rng.next();
    const sex: Sex = sexRoll < 0.56 ? "female" : sexRoll < 0.96 ? "male" : "other";
    let givenName = "";
    let familyName = "";
    do {
      givenName = rng.pick(
        sex === "female" ? FEMALE_NAMES : sex === "male" ? MALE_NAMES : NEUTRAL_NAMES,
      );
      familyName = rng.pick(FAMILY_NAMES);
    } while (used.has(`${givenName} ${familyName}`));
    used.add(`${givenName} ${familyName}`);
    mrnNumber += rng.int(1, 23);
    const age = rng.normalInt(44, 13, 19, 78);
    const wholeKg =
      sex === "female" ? rng.normalInt(71, 14, 48, 124) : rng.normalInt(88, 15, 55, 124);
    const weightKg = (wholeKg * 10 + rng.int(0, 9)) / 10;
    const diagnosis = rng.pick(DIAGNOSES_BY_PROTOCOL[plan.protocol ?? "none"]);
    const paradigm = paradigmFor(plan.protocol, rng);
    const index = seenPerStatus.get(plan.status) ?? 0;
    seenPerStatus.set(plan.status, index + 1);
    const psychiatrist = psychiatrists[index % psychiatrists.length];
    if (!psychiatrist) throw new Error("The demo clinic needs at least one psychiatrist");
    const relation = rng.pick([
      "spouse",
      "partner",
      "mother",
      "father",
      "sister",
      "brother",
      "friend",
    ]);
    const female =
      relation === "mother" || relation === "sister"
        ? true
        : relation === "father" || relation === "brother"
          ? false
          : rng.chance(0.5);
    const contactGiven = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const contactFamily = relation === "friend" ? rng.pick(FAMILY_NAMES) : familyName;
    return {
      id: ids.uuid(),
      mrn: `KP-${String(mrnNumber).padStart(6, "0")}`,
      givenName,
      familyName,
      dateOfBirth: dateOfBirth(calendar, age, rng),
      sex,
      weightKg,
      diagnosis,
      status: plan.status,
      psychiatrist,
      protocol: plan.protocol,
      paradigm,
      dose: dosePlanFor(plan.protocol, paradigm, plan.response, rng),
      response: plan.response,
      hypertensiveResponder: false,
      screeningComplete:
        plan.status === "intake" ? false : plan.status === "screening" ? index % 2 === 0 : true,
      suicidalIdeation: false,
      cssrsModerate: false,
      instruments: instrumentsFor(diagnosis, rng),
      baseline: baselineFor(diagnosis, rng),
      phone: PHONE("207", rng),
      email: `${givenName}.${familyName}${rng.int(1, 99)}@example.com`
        .toLowerCase()
        .replace(/'/g, ""),
      emergencyContactName: `${contactGiven} ${contactFamily} (${relation})`,
      emergencyContactPhone: PHONE(rng.pick(["207", "603", "617"]), rng),
    };
  });
}
