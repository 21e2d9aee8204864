import { describe, expect, it } from "vitest";
import type { Protocol } from "@/db/schema";
import {
  checkDoseOrder,
  orderedMgAtWeight,
  PROTOCOL_DOSE_BASIS,
  PROTOCOL_DRUG_ROUTE,
  PROTOCOLS,
  type DoseOrderCheck,
  type DoseOrderCheckInput,
} from "./dose-order-rules";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "./thresholds";

const iv = (doseMgPerKg: number | null, extra: Partial<DoseOrderCheckInput> = {}): DoseOrderCheck =>
  checkDoseOrder({ protocol: "iv_ketamine", doseMgPerKg, infusionMinutes: 40, ...extra });
const im = (doseMgPerKg: number | null, extra: Partial<DoseOrderCheckInput> = {}): DoseOrderCheck =>
  checkDoseOrder({ protocol: "im_ketamine", doseMgPerKg, ...extra });
const lozenge = (doseMg: number | null, extra: Partial<DoseOrderCheckInput> = {}): DoseOrderCheck =>
  checkDoseOrder({ protocol: "sublingual_ketamine", doseMg, ...extra });
const esketamine = (
  doseMg: number | null,
  extra: Partial<DoseOrderCheckInput> = {},
): DoseOrderCheck => checkDoseOrder({ protocol: "intranasal_esketamine", doseMg, ...extra });

const fields = (check: { problems: { field: string }[] }): string[] =>
  check.problems.map((p) => p.field);

const CLEAN = { ok: true, needsConfirmation: false, problems: [], warnings: [] };

describe("dose-order ranges in the clinical configuration", () => {
  it("holds the CLINICAL.md ranges", () => {
    expect(CLINICAL_THRESHOLDS.doseOrders).toEqual({
      ivKetamineMgPerKg: { min: 0.1, max: 0.75 },
      imKetamineMgPerKg: { min: 0.1, max: 0.9 },
      sublingualKetamineMg: { min: 100, max: 400 },
      ivInfusionMinutes: { min: 1, max: 240 },
      esketamine: { deviceMg: 28, usualDosesMg: [56, 84], withReasonDosesMg: [28], maxMg: 84 },
    });
    expect(Object.isFrozen(CLINICAL_THRESHOLDS.doseOrders.esketamine.usualDosesMg)).toBe(true);
  });
});

describe("protocol → drug, route and dose basis", () => {
  it("maps every protocol", () => {
    expect(PROTOCOL_DRUG_ROUTE).toEqual({
      iv_ketamine: { drug: "ketamine", route: "iv" },
      im_ketamine: { drug: "ketamine", route: "im" },
      intranasal_esketamine: { drug: "esketamine", route: "intranasal" },
      sublingual_ketamine: { drug: "ketamine", route: "sublingual" },
    });
    expect(PROTOCOL_DOSE_BASIS).toEqual({
      iv_ketamine: "mgPerKg",
      im_ketamine: "mgPerKg",
      intranasal_esketamine: "mg",
      sublingual_ketamine: "mg",
    });
    expect(PROTOCOLS).toEqual<Protocol[]>([
      "iv_ketamine",
      "im_ketamine",
      "intranasal_esketamine",
      "sublingual_ketamine",
    ]);
  });
});

describe("IV ketamine (0.1–0.75 mg/kg, infusion 1–240 min)", () => {
  it.each([0.1, 0.5, 0.75])("accepts %s mg/kg over 40 min as usual", (dose) => {
    expect(iv(dose)).toEqual(CLEAN);
  });

  it.each([
    [0.09, "below"],
    [0.05, "below"],
    [0.76, "above"],
    [1, "above"],
  ])("asks to confirm %s mg/kg (%s the range) with a reason", (dose, side) => {
    const check = iv(dose);
    expect(check).toMatchObject({ ok: false, needsConfirmation: true, problems: [] });
    expect(check.warnings).toEqual([
      `${dose} mg/kg is ${side} the usual IV ketamine range of 0.1–0.75 mg/kg.`,
    ]);
    expect(iv(dose, { reason: "Partial response at 0.75 mg/kg after four infusions" })).toEqual({
      ...check,
      ok: true,
    });
  });

  it("does not count a blank reason", () => {
    expect(iv(0.8, { reason: "   " })).toMatchObject({ ok: false, needsConfirmation: true });
  });

  it("refuses an IV order without mg/kg, or with a fixed mg", () => {
    expect(fields(iv(null))).toEqual(["doseMgPerKg"]);
    expect(iv(null).problems[0]?.message).toBe("Enter the IV ketamine dose in mg/kg.");
    expect(fields(iv(null, { doseMg: 35 }))).toEqual(["doseMg", "doseMgPerKg"]);
    expect(fields(iv(0.5, { doseMg: 35 }))).toEqual(["doseMg"]);
    expect(iv(0.5, { doseMg: 35 }).ok).toBe(false);
  });

  it.each([0, -0.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s mg/kg", (dose) => {
    expect(iv(dose)).toMatchObject({ ok: false, needsConfirmation: false, warnings: [] });
    expect(fields(iv(dose))).toEqual(["doseMgPerKg"]);
  });

  it.each([1, 40, 100, 240])("accepts an infusion of %s min", (minutes) => {
    expect(iv(0.5, { infusionMinutes: minutes }).ok).toBe(true);
  });

  it.each([null, undefined, 0, 241, 40.5, -10])("refuses an infusion of %s min", (minutes) => {
    const check = iv(0.5, { infusionMinutes: minutes });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      {
        field: "infusionMinutes",
        message: "An IV order needs an infusion time of 1–240 whole minutes.",
      },
    ]);
  });

  it("reports a problem and a warning together; the problem still refuses", () => {
    const check = iv(0.9, { infusionMinutes: null, reason: "Higher dose, psychedelic paradigm" });
    expect(fields(check)).toEqual(["infusionMinutes"]);
    expect(check).toMatchObject({ ok: false, needsConfirmation: true });
  });
});

describe("IM ketamine (0.1–0.9 mg/kg)", () => {
  it.each([0.1, 0.4, 0.9])("accepts %s mg/kg", (dose) => {
    expect(im(dose)).toEqual(CLEAN);
  });

  it.each([0.09, 0.91, 1.2])("asks to confirm %s mg/kg", (dose) => {
    expect(im(dose)).toMatchObject({ ok: false, needsConfirmation: true, problems: [] });
    expect(im(dose).warnings[0]).toMatch(/usual IM ketamine range of 0\.1–0\.9 mg\/kg/);
  });

  it("refuses an IM order without mg/kg, in mg or with an infusion time", () => {
    expect(fields(im(null))).toEqual(["doseMgPerKg"]);
    expect(fields(im(0.5, { doseMg: 40 }))).toEqual(["doseMg"]);
    expect(fields(im(0.5, { infusionMinutes: 40 }))).toEqual(["infusionMinutes"]);
  });
});

describe("sublingual ketamine (100–400 mg fixed)", () => {
  it.each([100, 250, 400])("accepts %s mg", (dose) => {
    expect(lozenge(dose)).toEqual(CLEAN);
  });

  it.each([
    [99, "below"],
    [50, "below"],
    [401, "above"],
    [600, "above"],
  ])("asks to confirm %s mg (%s)", (dose, side) => {
    expect(lozenge(dose)).toMatchObject({
      ok: false,
      needsConfirmation: true,
      problems: [],
      warnings: [`${dose} mg is ${side} the usual sublingual ketamine range of 100–400 mg.`],
    });
    expect(lozenge(dose, { reason: "Titrated over previous course" }).ok).toBe(true);
  });

  it("refuses a lozenge order without mg, in mg/kg, with zero or with an infusion time", () => {
    expect(fields(lozenge(null))).toEqual(["doseMg"]);
    expect(fields(lozenge(null, { doseMgPerKg: 3 }))).toEqual(["doseMgPerKg", "doseMg"]);
    expect(fields(lozenge(0))).toEqual(["doseMg"]);
    expect(fields(lozenge(200, { infusionMinutes: 30 }))).toEqual(["infusionMinutes"]);
  });
});

describe("intranasal esketamine (28 mg devices: 56 or 84 mg; 28 mg with a reason)", () => {
  it.each([56, 84])("accepts %s mg", (dose) => {
    expect(esketamine(dose)).toEqual(CLEAN);
  });

  it("asks for a reason for 28 mg (one device)", () => {
    expect(esketamine(28)).toEqual({
      ok: false,
      needsConfirmation: true,
      problems: [],
      warnings: [
        "28 mg esketamine is below the label's 56 mg or 84 mg per session: record the reason.",
      ],
    });
    expect(esketamine(28, { reason: "Tolerability: marked dissociation at 56 mg" }).ok).toBe(true);
  });

  it.each([70, 42, 14, 56.5, 1])("refuses %s mg: not a whole number of devices", (dose) => {
    const check = esketamine(dose, { reason: "any" });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      {
        field: "doseMg",
        message: `Esketamine comes in 28 mg devices: ${dose} mg is not a whole number of devices (usually 56 mg or 84 mg).`,
      },
    ]);
  });

  it.each([112, 140])("refuses %s mg: above 84 mg", (dose) => {
    expect(esketamine(dose).problems).toEqual([
      {
        field: "doseMg",
        message: `${dose} mg is above the esketamine maximum of 84 mg per session.`,
      },
    ]);
  });

  it("refuses esketamine without mg, in mg/kg, at 0 mg or with an infusion time", () => {
    expect(fields(esketamine(null))).toEqual(["doseMg"]);
    expect(esketamine(null).problems[0]?.message).toBe("Enter the esketamine dose in mg.");
    expect(fields(esketamine(56, { doseMgPerKg: 0.8 }))).toEqual(["doseMgPerKg"]);
    expect(fields(esketamine(0))).toEqual(["doseMg"]);
    expect(fields(esketamine(-56))).toEqual(["doseMg"]);
    expect(fields(esketamine(56, { infusionMinutes: 5 }))).toEqual(["infusionMinutes"]);
  });
});

describe("a clinic's own configuration", () => {
  const clinic: ClinicalThresholds = {
    ...CLINICAL_THRESHOLDS,
    doseOrders: {
      ...CLINICAL_THRESHOLDS.doseOrders,
      ivKetamineMgPerKg: { min: 0.2, max: 1.0 },
      esketamine: { deviceMg: 28, usualDosesMg: [56, 84], withReasonDosesMg: [], maxMg: 112 },
    },
  };

  it("reads the ranges from the configuration passed in", () => {
    expect(
      checkDoseOrder({ protocol: "iv_ketamine", doseMgPerKg: 0.9, infusionMinutes: 40 }, clinic),
    ).toEqual(CLEAN);
    expect(
      checkDoseOrder({ protocol: "iv_ketamine", doseMgPerKg: 0.15, infusionMinutes: 40 }, clinic)
        .warnings,
    ).toEqual(["0.15 mg/kg is below the usual IV ketamine range of 0.2–1 mg/kg."]);
    const twentyEight = checkDoseOrder({ protocol: "intranasal_esketamine", doseMg: 28 }, clinic);
    expect(twentyEight.warnings).toEqual([
      "28 mg esketamine is not one of the label's doses (56 mg or 84 mg).",
    ]);
    expect(
      checkDoseOrder({ protocol: "intranasal_esketamine", doseMg: 112 }, clinic),
    ).toMatchObject({
      needsConfirmation: true,
      problems: [],
    });
  });
});

describe("orderedMgAtWeight", () => {
  it("gives mg/kg × weight to 0.1 mg", () => {
    expect(orderedMgAtWeight(0.5, 72.4)).toBe(36.2);
    expect(orderedMgAtWeight(0.75, 81.3)).toBe(61);
    expect(orderedMgAtWeight(0.4, 68.7)).toBe(27.5);
  });

  it("has no mg without a weight", () => {
    expect(orderedMgAtWeight(0.5, null)).toBeNull();
    expect(orderedMgAtWeight(0.5, 0)).toBeNull();
  });
});
