import { describe, expect, it } from "vitest";
import { CLINICAL_THRESHOLDS } from "./thresholds";

describe("CLINICAL_THRESHOLDS", () => {
  it("holds the CLINICAL.md plausible ranges", () => {
    expect(CLINICAL_THRESHOLDS.plausible).toEqual({
      systolicMmHg: { min: 50, max: 300 },
      diastolicMmHg: { min: 20, max: 200 },
      heartRateBpm: { min: 20, max: 250 },
      spo2Pct: { min: 50, max: 100 },
      respiratoryRatePerMin: { min: 2, max: 80 },
      temperatureC: { min: 30, max: 45 },
      moaas: { min: 0, max: 5 },
    });
  });

  it("holds the default alert thresholds", () => {
    const a = CLINICAL_THRESHOLDS.alerts;
    expect(a.bpCritical).toEqual({ systolicMmHg: 180, diastolicMmHg: 110 });
    expect(a.bpHigh).toEqual({ systolicMmHg: 160, diastolicMmHg: 100 });
    expect(a.bpRise).toEqual({ systolicRiseMmHg: 40, diastolicRiseMmHg: 25 });
    expect(a.hrHigh).toEqual({ warningAtOrAboveBpm: 110, criticalAtOrAboveBpm: 130 });
    expect(a.hrLow).toEqual({ warningBelowBpm: 50, criticalBelowBpm: 40 });
    expect(a.spo2Low).toEqual({ warningBelowPct: 94, criticalBelowPct: 90 });
    expect(a.rrAbnormal).toEqual({
      warningBelowPerMin: 10,
      warningAbovePerMin: 24,
      criticalBelowPerMin: 8,
      criticalAbovePerMin: 30,
    });
    expect(a.tempHigh).toEqual({ warningAtOrAboveC: 38 });
    expect(a.sedationDeep).toEqual({ warningAtOrBelow: 3, criticalAtOrBelow: 1 });
  });

  it("holds the pre-dose, discharge and timepoint defaults", () => {
    expect(CLINICAL_THRESHOLDS.preDose).toEqual({
      recheckAboveSystolicMmHg: 140,
      recheckAboveDiastolicMmHg: 90,
      holdAtOrAboveSystolicMmHg: 160,
      holdAtOrAboveDiastolicMmHg: 100,
    });
    expect(CLINICAL_THRESHOLDS.discharge).toEqual({
      esketamineMinMinutesFromDoseStart: 120,
      otherRoutesMinMinutesAfterDoseEnd: 60,
      systolicBelowMmHg: 160,
      diastolicBelowMmHg: 100,
      systolicWithinOfBaselineMmHg: 20,
      heartRateBelowBpm: 110,
      spo2AtLeastPct: 94,
      moaasRequired: 5,
    });
    const kapstoneFixedDefault = {
      baseline: true,
      phases: [
        { everyMinutes: 15, untilMinutesFromDoseStart: 60 },
        { everyMinutes: 30, untilMinutesFromDoseStart: 120 },
      ],
    };
    expect(CLINICAL_THRESHOLDS.timepoints).toEqual({
      toleranceMinutes: 5,
      esketamine: { baseline: true, minutesFromDoseStart: [40], beforeDischarge: true },
      ivInfusion: {
        baseline: true,
        duringInfusionEveryMinutes: 10,
        afterInfusionEveryMinutes: 15,
        afterInfusionUntilMinutes: 60,
        defaultInfusionMinutes: 40,
      },
      im: kapstoneFixedDefault,
      sublingual: kapstoneFixedDefault,
    });
  });

  it("is frozen all the way down", () => {
    expect(Object.isFrozen(CLINICAL_THRESHOLDS)).toBe(true);
    expect(Object.isFrozen(CLINICAL_THRESHOLDS.alerts.bpCritical)).toBe(true);
    expect(Object.isFrozen(CLINICAL_THRESHOLDS.plausible.systolicMmHg)).toBe(true);
    expect(Object.isFrozen(CLINICAL_THRESHOLDS.timepoints.esketamine.minutesFromDoseStart)).toBe(
      true,
    );
    expect(Object.isFrozen(CLINICAL_THRESHOLDS.timepoints.im.phases[0])).toBe(true);
  });
});
