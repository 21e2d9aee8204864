import { describe, expect, it } from "vitest";
import {
  dischargeReadiness,
  type DischargeCriterion,
  type DischargeCriterionId,
  type DischargeInput,
} from "./discharge";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "./thresholds";

const doseStart = new Date("2025-03-11T14:00:00Z");

function minutesAfter(base: Date, minutes: number, seconds = 0): Date {
  return new Date(base.getTime() + minutes * 60_000 + seconds * 1000);
}

// Esketamine 84 mg session, settled at the end of observation.
const esketamineReady: DischargeInput = {
  drug: "esketamine",
  route: "intranasal",
  doseStartedAt: doseStart,
  doseEndedAt: minutesAfter(doseStart, 10),
  now: minutesAfter(doseStart, 125),
  baseline: { systolic: 126, diastolic: 80 },
  latestVitals: {
    systolic: 134,
    diastolic: 84,
    heartRate: 78,
    spo2: 98,
    respiratoryRate: 14,
    moaas: 5,
  },
  unresolvedAdverseEvents: [],
  driverConfirmed: true,
};

// IV racemic ketamine 0.5 mg/kg over 40 min.
const ivInfusionEnd = minutesAfter(doseStart, 40);
const ivReady: DischargeInput = {
  ...esketamineReady,
  drug: "ketamine",
  route: "iv",
  doseEndedAt: ivInfusionEnd,
  now: minutesAfter(ivInfusionEnd, 65),
};

function criterion(
  input: DischargeInput,
  id: DischargeCriterionId,
  config?: ClinicalThresholds,
): DischargeCriterion {
  const found = dischargeReadiness(input, config).criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

function withVitals(
  overrides: Partial<NonNullable<DischargeInput["latestVitals"]>>,
): DischargeInput {
  const latest = esketamineReady.latestVitals;
  if (!latest) throw new Error("fixture has vitals");
  return { ...esketamineReady, latestVitals: { ...latest, ...overrides } };
}

describe("dischargeReadiness", () => {
  it("lists every criterion and is ready when all are met", () => {
    const result = dischargeReadiness(esketamineReady);
    expect(result.ready).toBe(true);
    expect(result.criteria).toEqual([
      {
        id: "time-since-dose",
        label: "At least 120 min since esketamine dose start (REMS minimum)",
        met: true,
        value: "125 min since dose start",
      },
      { id: "systolic", label: "Systolic below 160 mmHg", met: true, value: "134 mmHg" },
      { id: "diastolic", label: "Diastolic below 100 mmHg", met: true, value: "84 mmHg" },
      {
        id: "systolic-vs-baseline",
        label: "Systolic within 20 mmHg of baseline",
        met: true,
        value: "134 mmHg vs baseline 126 mmHg (+8)",
      },
      { id: "heart-rate", label: "Heart rate below 110 bpm", met: true, value: "78 bpm" },
      { id: "spo2", label: "SpO2 at least 94%", met: true, value: "98%" },
      { id: "moaas", label: "MOAA/S 5 on the latest check", met: true, value: "MOAA/S 5" },
      {
        id: "adverse-events",
        label: "No unresolved moderate or severe adverse event",
        met: true,
        value: "None unresolved",
      },
      {
        id: "driver",
        label: "Responsible adult driver confirmed (no driving until the next day)",
        met: true,
        value: "Confirmed",
      },
    ]);
    expect(dischargeReadiness(ivReady).ready).toBe(true);
  });

  describe("time since dose", () => {
    it("esketamine: 119 min from dose start is not enough, 120 is", () => {
      const at119 = { ...esketamineReady, now: minutesAfter(doseStart, 119, 59) };
      expect(criterion(at119, "time-since-dose")).toMatchObject({
        met: false,
        value: "119 min since dose start",
      });
      expect(dischargeReadiness(at119).ready).toBe(false);
      const at120 = { ...esketamineReady, now: minutesAfter(doseStart, 120) };
      expect(criterion(at120, "time-since-dose").met).toBe(true);
    });

    it("esketamine counts from dose start, not from the last device", () => {
      const input = {
        ...esketamineReady,
        doseEndedAt: minutesAfter(doseStart, 10),
        now: minutesAfter(doseStart, 121),
      };
      expect(criterion(input, "time-since-dose").met).toBe(true);
    });

    it("other routes: 59 min after the end of the dose is not enough, 60 is", () => {
      const at59 = { ...ivReady, now: minutesAfter(ivInfusionEnd, 59, 59) };
      expect(criterion(at59, "time-since-dose")).toEqual({
        id: "time-since-dose",
        label: "At least 60 min since the end of the dose",
        met: false,
        value: "59 min since dose end",
      });
      const at60 = { ...ivReady, now: minutesAfter(ivInfusionEnd, 60) };
      expect(criterion(at60, "time-since-dose").met).toBe(true);
    });

    it("other routes count from the end, not the start", () => {
      // 90 min after the start of a 40 min infusion is only 50 min after its end.
      const input = { ...ivReady, now: minutesAfter(doseStart, 90) };
      expect(criterion(input, "time-since-dose")).toMatchObject({
        met: false,
        value: "50 min since dose end",
      });
    });

    it("applies the 60 min rule to IM and sublingual ketamine", () => {
      const im = { ...ivReady, route: "im" as const };
      const sublingual = { ...ivReady, route: "sublingual" as const };
      expect(criterion(im, "time-since-dose").label).toBe(
        "At least 60 min since the end of the dose",
      );
      expect(criterion(sublingual, "time-since-dose").met).toBe(true);
    });

    it("is not met without a dose or, for other routes, without a dose end", () => {
      expect(
        criterion({ ...esketamineReady, doseStartedAt: null }, "time-since-dose"),
      ).toMatchObject({ met: false, value: "No dose recorded" });
      expect(criterion({ ...ivReady, doseEndedAt: null }, "time-since-dose")).toMatchObject({
        met: false,
        value: "Dose end not recorded",
      });
    });
  });

  describe("latest vitals", () => {
    it("systolic 159 passes, 160 fails", () => {
      const baselineHigh = { systolic: 150, diastolic: 90 };
      expect(
        criterion({ ...withVitals({ systolic: 159 }), baseline: baselineHigh }, "systolic").met,
      ).toBe(true);
      expect(
        criterion({ ...withVitals({ systolic: 160 }), baseline: baselineHigh }, "systolic").met,
      ).toBe(false);
    });

    it("diastolic 99 passes, 100 fails", () => {
      expect(criterion(withVitals({ diastolic: 99 }), "diastolic").met).toBe(true);
      expect(criterion(withVitals({ diastolic: 100 }), "diastolic")).toMatchObject({
        met: false,
        value: "100 mmHg",
      });
    });

    it("systolic within 20 of baseline either way: +20 / −20 pass, +21 / −21 fail", () => {
      // Baseline 126.
      expect(criterion(withVitals({ systolic: 146 }), "systolic-vs-baseline").met).toBe(true);
      expect(criterion(withVitals({ systolic: 147 }), "systolic-vs-baseline")).toMatchObject({
        met: false,
        value: "147 mmHg vs baseline 126 mmHg (+21)",
      });
      expect(criterion(withVitals({ systolic: 106 }), "systolic-vs-baseline").met).toBe(true);
      expect(criterion(withVitals({ systolic: 105 }), "systolic-vs-baseline")).toMatchObject({
        met: false,
        value: "105 mmHg vs baseline 126 mmHg (-21)",
      });
    });

    it("the baseline comparison is not met without a baseline", () => {
      expect(
        criterion({ ...esketamineReady, baseline: null }, "systolic-vs-baseline"),
      ).toMatchObject({ met: false, value: "No baseline recorded" });
    });

    it("heart rate 109 passes, 110 fails", () => {
      expect(criterion(withVitals({ heartRate: 109 }), "heart-rate").met).toBe(true);
      expect(criterion(withVitals({ heartRate: 110 }), "heart-rate").met).toBe(false);
    });

    it("SpO2 94 passes, 93 fails, missing fails", () => {
      expect(criterion(withVitals({ spo2: 94 }), "spo2").met).toBe(true);
      expect(criterion(withVitals({ spo2: 93 }), "spo2").met).toBe(false);
      expect(criterion(withVitals({ spo2: null }), "spo2")).toMatchObject({
        met: false,
        value: "Not recorded",
      });
    });

    it("MOAA/S must be 5: 4 fails, missing fails", () => {
      expect(criterion(withVitals({ moaas: 4 }), "moaas")).toMatchObject({
        met: false,
        value: "MOAA/S 4",
      });
      expect(criterion(withVitals({ moaas: undefined }), "moaas")).toMatchObject({
        met: false,
        value: "Not recorded",
      });
    });

    it("fails every vitals criterion when no vitals are recorded", () => {
      const result = dischargeReadiness({ ...esketamineReady, latestVitals: null });
      const vitalsIds: DischargeCriterionId[] = [
        "systolic",
        "diastolic",
        "systolic-vs-baseline",
        "heart-rate",
        "spo2",
        "moaas",
      ];
      for (const id of vitalsIds) {
        expect(result.criteria.find((c) => c.id === id)).toMatchObject({
          met: false,
          value: "No vitals recorded",
        });
      }
      expect(result.ready).toBe(false);
    });
  });

  describe("adverse events and driver", () => {
    it("an unresolved mild event does not block discharge", () => {
      const input: DischargeInput = {
        ...esketamineReady,
        unresolvedAdverseEvents: [{ severity: "mild" }],
      };
      expect(criterion(input, "adverse-events")).toMatchObject({
        met: true,
        value: "Unresolved: 1 mild",
      });
      expect(dischargeReadiness(input).ready).toBe(true);
    });

    it("an unresolved moderate or severe event blocks discharge", () => {
      const moderate: DischargeInput = {
        ...esketamineReady,
        unresolvedAdverseEvents: [{ severity: "mild" }, { severity: "moderate" }],
      };
      expect(criterion(moderate, "adverse-events")).toMatchObject({
        met: false,
        value: "Unresolved: 1 moderate, 1 mild",
      });
      const severe: DischargeInput = {
        ...esketamineReady,
        unresolvedAdverseEvents: [{ severity: "severe" }],
      };
      expect(dischargeReadiness(severe).ready).toBe(false);
    });

    it("needs a confirmed driver", () => {
      const input = { ...esketamineReady, driverConfirmed: false };
      expect(criterion(input, "driver")).toMatchObject({ met: false, value: "Not confirmed" });
      expect(dischargeReadiness(input).ready).toBe(false);
    });
  });

  it("reads its thresholds from the configuration passed in", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      discharge: { ...CLINICAL_THRESHOLDS.discharge, esketamineMinMinutesFromDoseStart: 150 },
    };
    expect(criterion(esketamineReady, "time-since-dose", clinic)).toMatchObject({
      label: "At least 150 min since esketamine dose start (REMS minimum)",
      met: false,
    });
  });
});
