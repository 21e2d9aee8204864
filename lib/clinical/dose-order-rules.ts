/**
 * Rules for a dose order, pure and shared by the server (refuses) and the order form (warns
 * before sending). Ranges come from `CLINICAL_THRESHOLDS.doseOrders`; nothing here holds a
 * literal dose of its own.
 *
 * Two kinds of finding:
 * - a problem: the order is malformed (wrong unit for the route, no infusion time, an esketamine
 *   dose no set of 28 mg devices gives) and is refused;
 * - a warning: a well-formed dose outside the usual range. It may be signed, but only when the
 *   psychiatrist confirms it with a reason, which is stored with the order.
 */
export { orderedMgAtWeight } from "@/lib/clinical/dose-arithmetic";
import type { Protocol } from "@/db/schema";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "@/lib/clinical/thresholds";

export type DoseOrderDrug = "ketamine" | "esketamine";
export type DoseOrderRoute = "iv" | "im" | "intranasal" | "sublingual";
/** How an order of the protocol states its dose: weight-based or a fixed dose. */
export type DoseBasis = "mgPerKg" | "mg";

export const PROTOCOL_DRUG_ROUTE: Readonly<
  Record<Protocol, { readonly drug: DoseOrderDrug; readonly route: DoseOrderRoute }>
> = {
  iv_ketamine: { drug: "ketamine", route: "iv" },
  im_ketamine: { drug: "ketamine", route: "im" },
  intranasal_esketamine: { drug: "esketamine", route: "intranasal" },
  sublingual_ketamine: { drug: "ketamine", route: "sublingual" },
};

export const PROTOCOL_DOSE_BASIS: Readonly<Record<Protocol, DoseBasis>> = {
  iv_ketamine: "mgPerKg",
  im_ketamine: "mgPerKg",
  intranasal_esketamine: "mg",
  sublingual_ketamine: "mg",
};

/** Every protocol, in the order the forms offer them. */
export const PROTOCOLS = Object.keys(PROTOCOL_DRUG_ROUTE) as Protocol[];

export type DoseOrderCheckInput = {
  protocol: Protocol;
  doseMgPerKg?: number | null;
  doseMg?: number | null;
  infusionMinutes?: number | null;
  reason?: string | null;
};

export type DoseOrderField = "doseMgPerKg" | "doseMg" | "infusionMinutes";
export type DoseOrderProblem = { field: DoseOrderField; message: string };

export type DoseOrderCheck = {
  /** The order may be signed as given: no problem, and a reason when it needs confirmation. */
  ok: boolean;
  /** Outside the usual range: allowed only when confirmed with a reason. */
  needsConfirmation: boolean;
  /** Malformed: refused whatever the confirmation. */
  problems: DoseOrderProblem[];
  /** Why confirmation is needed, naming the rule and the value. */
  warnings: string[];
};

type Findings = { problems: DoseOrderProblem[]; warnings: string[] };

const present = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined;

function range(r: { min: number; max: number }, unit: string): string {
  return `${r.min}–${r.max} ${unit}`;
}

/** mg/kg orders (IV, IM): the dose in mg/kg, never a fixed mg. */
function checkWeightBased(
  input: DoseOrderCheckInput,
  usual: { min: number; max: number },
  name: string,
  found: Findings,
): void {
  if (present(input.doseMg)) {
    found.problems.push({
      field: "doseMg",
      message: `${name} is ordered in mg/kg, not as a fixed mg dose.`,
    });
  }
  const perKg = input.doseMgPerKg;
  if (!present(perKg)) {
    found.problems.push({
      field: "doseMgPerKg",
      message: `Enter the ${name} dose in mg/kg.`,
    });
    return;
  }
  if (!Number.isFinite(perKg) || perKg <= 0) {
    found.problems.push({ field: "doseMgPerKg", message: "The dose must be above 0 mg/kg." });
    return;
  }
  if (perKg < usual.min || perKg > usual.max) {
    const side = perKg < usual.min ? "below" : "above";
    found.warnings.push(
      `${perKg} mg/kg is ${side} the usual ${name} range of ${range(usual, "mg/kg")}.`,
    );
  }
}

/** Fixed-dose orders (esketamine, lozenges): the dose in mg, never mg/kg. */
function fixedDose(input: DoseOrderCheckInput, name: string, found: Findings): number | null {
  if (present(input.doseMgPerKg)) {
    found.problems.push({
      field: "doseMgPerKg",
      message: `${name} is ordered as a fixed mg dose, not in mg/kg.`,
    });
  }
  const mg = input.doseMg;
  if (!present(mg)) {
    found.problems.push({ field: "doseMg", message: `Enter the ${name} dose in mg.` });
    return null;
  }
  if (!Number.isFinite(mg) || mg <= 0) {
    found.problems.push({ field: "doseMg", message: "The dose must be above 0 mg." });
    return null;
  }
  return mg;
}

function checkNoInfusion(input: DoseOrderCheckInput, found: Findings): void {
  if (present(input.infusionMinutes)) {
    found.problems.push({
      field: "infusionMinutes",
      message: "Only an IV order has an infusion time.",
    });
  }
}

function checkInfusion(
  input: DoseOrderCheckInput,
  limits: { min: number; max: number },
  found: Findings,
): void {
  const minutes = input.infusionMinutes;
  if (
    !present(minutes) ||
    !Number.isInteger(minutes) ||
    minutes < limits.min ||
    minutes > limits.max
  ) {
    found.problems.push({
      field: "infusionMinutes",
      message: `An IV order needs an infusion time of ${range(limits, "whole minutes")}.`,
    });
  }
}

function checkEsketamine(
  input: DoseOrderCheckInput,
  rules: ClinicalThresholds["doseOrders"]["esketamine"],
  found: Findings,
): void {
  const mg = fixedDose(input, "esketamine", found);
  if (mg === null) return;
  const usual = rules.usualDosesMg.map((d) => `${d} mg`).join(" or ");
  if (!Number.isInteger(mg / rules.deviceMg)) {
    found.problems.push({
      field: "doseMg",
      message: `Esketamine comes in ${rules.deviceMg} mg devices: ${mg} mg is not a whole number of devices (usually ${usual}).`,
    });
    return;
  }
  if (mg > rules.maxMg) {
    found.problems.push({
      field: "doseMg",
      message: `${mg} mg is above the esketamine maximum of ${rules.maxMg} mg per session.`,
    });
    return;
  }
  if (rules.usualDosesMg.includes(mg)) return;
  found.warnings.push(
    rules.withReasonDosesMg.includes(mg)
      ? `${mg} mg esketamine is below the label's ${usual} per session: record the reason.`
      : `${mg} mg esketamine is not one of the label's doses (${usual}).`,
  );
}

/** Checks a dose order for the course's protocol against the clinic's dose-order ranges. */
export function checkDoseOrder(
  input: DoseOrderCheckInput,
  thresholds: ClinicalThresholds = CLINICAL_THRESHOLDS,
): DoseOrderCheck {
  const rules = thresholds.doseOrders;
  const found: Findings = { problems: [], warnings: [] };
  switch (input.protocol) {
    case "iv_ketamine":
      checkWeightBased(input, rules.ivKetamineMgPerKg, "IV ketamine", found);
      checkInfusion(input, rules.ivInfusionMinutes, found);
      break;
    case "im_ketamine":
      checkWeightBased(input, rules.imKetamineMgPerKg, "IM ketamine", found);
      checkNoInfusion(input, found);
      break;
    case "sublingual_ketamine": {
      const mg = fixedDose(input, "sublingual ketamine", found);
      const usual = rules.sublingualKetamineMg;
      if (mg !== null && (mg < usual.min || mg > usual.max)) {
        const side = mg < usual.min ? "below" : "above";
        found.warnings.push(
          `${mg} mg is ${side} the usual sublingual ketamine range of ${range(usual, "mg")}.`,
        );
      }
      checkNoInfusion(input, found);
      break;
    }
    case "intranasal_esketamine":
      checkEsketamine(input, rules.esketamine, found);
      checkNoInfusion(input, found);
      break;
    default: {
      const unreachable: never = input.protocol;
      throw new Error(`Unknown protocol ${String(unreachable)}`);
    }
  }
  const needsConfirmation = found.warnings.length > 0;
  const hasReason = Boolean(input.reason?.trim());
  return {
    ok: found.problems.length === 0 && (!needsConfirmation || hasReason),
    needsConfirmation,
    problems: found.problems,
    warnings: found.warnings,
  };
}

/** The mg an mg/kg order gives at a weight, to 0.1 mg (as the dose record rounds it). */
