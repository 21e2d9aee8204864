/**
 * Every default number from CLINICAL.md "Vitals and monitoring", in one place.
 *
 * A clinic changes a value here (or passes its own `ClinicalThresholds` to the rule functions);
 * no rule holds a literal of its own. Field names carry their unit.
 */
import { deepFreeze } from "@/lib/clinical/deep-freeze";

export type PlausibleRange = { readonly min: number; readonly max: number };

export type ClinicalThresholds = {
  /** Outside these a value is an entry error (422) and is not stored. Bounds are inclusive. */
  readonly plausible: {
    readonly systolicMmHg: PlausibleRange;
    /** Diastolic must also be below systolic. */
    readonly diastolicMmHg: PlausibleRange;
    readonly heartRateBpm: PlausibleRange;
    readonly spo2Pct: PlausibleRange;
    readonly respiratoryRatePerMin: PlausibleRange;
    readonly temperatureC: PlausibleRange;
    /** Modified Observer's Assessment of Alertness/Sedation, integer. */
    readonly moaas: PlausibleRange;
  };
  readonly alerts: {
    /** `bp-critical`: systolic ≥ or diastolic ≥. */
    readonly bpCritical: { readonly systolicMmHg: number; readonly diastolicMmHg: number };
    /** `bp-high`: systolic ≥ or diastolic ≥, and not critical. */
    readonly bpHigh: { readonly systolicMmHg: number; readonly diastolicMmHg: number };
    /** `bp-rise`: rise over the pre-dose baseline ≥ (the esketamine label's significant rise). */
    readonly bpRise: { readonly systolicRiseMmHg: number; readonly diastolicRiseMmHg: number };
    /** `hr-high`: warning at ≥, critical at ≥. */
    readonly hrHigh: {
      readonly warningAtOrAboveBpm: number;
      readonly criticalAtOrAboveBpm: number;
    };
    /** `hr-low`: warning below, critical below. */
    readonly hrLow: { readonly warningBelowBpm: number; readonly criticalBelowBpm: number };
    /** `spo2-low`: warning below, critical below. */
    readonly spo2Low: { readonly warningBelowPct: number; readonly criticalBelowPct: number };
    /** `rr-abnormal`: warning below / above, critical below / above (strict comparisons). */
    readonly rrAbnormal: {
      readonly warningBelowPerMin: number;
      readonly warningAbovePerMin: number;
      readonly criticalBelowPerMin: number;
      readonly criticalAbovePerMin: number;
    };
    /** `temp-high`: warning at ≥. */
    readonly tempHigh: { readonly warningAtOrAboveC: number };
    /** `sedation-deep`: MOAA/S warning at ≤, critical at ≤. */
    readonly sedationDeep: {
      readonly warningAtOrBelow: number;
      readonly criticalAtOrBelow: number;
    };
  };
  /** Baseline blood pressure check before dosing (esketamine label guidance). */
  readonly preDose: {
    /** Systolic > this or diastolic > `recheckAboveDiastolicMmHg` → re-check, acknowledgement. */
    readonly recheckAboveSystolicMmHg: number;
    readonly recheckAboveDiastolicMmHg: number;
    /** Systolic ≥ this or diastolic ≥ `holdAtOrAboveDiastolicMmHg` → hold unless overridden. */
    readonly holdAtOrAboveSystolicMmHg: number;
    readonly holdAtOrAboveDiastolicMmHg: number;
  };
  readonly discharge: {
    /** Esketamine: minutes since dose start (Spravato REMS minimum observation). */
    readonly esketamineMinMinutesFromDoseStart: number;
    /** Other routes: minutes since the end of the dose. */
    readonly otherRoutesMinMinutesAfterDoseEnd: number;
    readonly systolicBelowMmHg: number;
    readonly diastolicBelowMmHg: number;
    /** |latest systolic − baseline systolic| ≤ this. */
    readonly systolicWithinOfBaselineMmHg: number;
    readonly heartRateBelowBpm: number;
    readonly spo2AtLeastPct: number;
    readonly moaasRequired: number;
  };
  /** Minimum vitals timepoints by protocol; minutes are from dose start. */
  readonly timepoints: {
    /**
     * A vitals row counts for a timepoint when its whole minutes from dose start are within ±
     * this many minutes of it (Kapstone default).
     */
    readonly toleranceMinutes: number;
    /** REMS Patient Monitoring Form: before dosing, at 40 min, before the session ends. */
    readonly esketamine: {
      readonly baseline: boolean;
      readonly minutesFromDoseStart: readonly number[];
      /** Opens at the discharge minimum (`discharge.esketamineMinMinutesFromDoseStart`). */
      readonly beforeDischarge: boolean;
    };
    /** CLINICAL.md: every 10 min during the infusion and every 15 min after. */
    readonly ivInfusion: {
      readonly baseline: boolean;
      readonly duringInfusionEveryMinutes: number;
      readonly afterInfusionEveryMinutes: number;
      /**
       * Kapstone default stop rule: post-infusion checks run until this many minutes after the
       * end of the infusion (the discharge minimum for non-esketamine routes).
       */
      readonly afterInfusionUntilMinutes: number;
      /** Kapstone default when the order gives no infusion length (the 40-min convention). */
      readonly defaultInfusionMinutes: number;
    };
    /** Kapstone default — CLINICAL.md gives no IM schedule; a clinic can change it. */
    readonly im: FixedTimepointSchedule;
    /** Kapstone default — CLINICAL.md gives no sublingual schedule; a clinic can change it. */
    readonly sublingual: FixedTimepointSchedule;
  };
  /**
   * Dose-order ranges (CLINICAL.md "Treatment in a KAP clinic"). A dose outside the usual range
   * is allowed only when the psychiatrist confirms it with a reason; bounds are inclusive.
   */
  readonly doseOrders: {
    /** IV racemic ketamine, published range (Andrade, J Clin Psychiatry 2017). */
    readonly ivKetamineMgPerKg: PlausibleRange;
    /** IM (or subcutaneous) racemic ketamine, the range used in trials. */
    readonly imKetamineMgPerKg: PlausibleRange;
    /** Oral / sublingual lozenges, common fixed doses. */
    readonly sublingualKetamineMg: PlausibleRange;
    /** An IV order must give its infusion length within these minutes. */
    readonly ivInfusionMinutes: PlausibleRange;
    /** Intranasal esketamine (Spravato label). */
    readonly esketamine: {
      readonly deviceMg: number;
      /** The label's doses per session. */
      readonly usualDosesMg: readonly number[];
      /** Doses allowed only with a recorded reason (one device). */
      readonly withReasonDosesMg: readonly number[];
      /** Above this the order is refused. */
      readonly maxMg: number;
    };
  };
};

/**
 * A schedule in phases from dose start: checks every `everyMinutes` until
 * `untilMinutesFromDoseStart` (inclusive), each phase continuing from where the previous ended.
 */
export type FixedTimepointSchedule = {
  readonly baseline: boolean;
  readonly phases: readonly {
    readonly everyMinutes: number;
    readonly untilMinutesFromDoseStart: number;
  }[];
};

export const CLINICAL_THRESHOLDS: ClinicalThresholds = deepFreeze({
  plausible: {
    systolicMmHg: { min: 50, max: 300 },
    diastolicMmHg: { min: 20, max: 200 },
    heartRateBpm: { min: 20, max: 250 },
    spo2Pct: { min: 50, max: 100 },
    respiratoryRatePerMin: { min: 2, max: 80 },
    temperatureC: { min: 30.0, max: 45.0 },
    moaas: { min: 0, max: 5 },
  },
  alerts: {
    bpCritical: { systolicMmHg: 180, diastolicMmHg: 110 },
    bpHigh: { systolicMmHg: 160, diastolicMmHg: 100 },
    bpRise: { systolicRiseMmHg: 40, diastolicRiseMmHg: 25 },
    hrHigh: { warningAtOrAboveBpm: 110, criticalAtOrAboveBpm: 130 },
    hrLow: { warningBelowBpm: 50, criticalBelowBpm: 40 },
    spo2Low: { warningBelowPct: 94, criticalBelowPct: 90 },
    rrAbnormal: {
      warningBelowPerMin: 10,
      warningAbovePerMin: 24,
      criticalBelowPerMin: 8,
      criticalAbovePerMin: 30,
    },
    tempHigh: { warningAtOrAboveC: 38.0 },
    sedationDeep: { warningAtOrBelow: 3, criticalAtOrBelow: 1 },
  },
  preDose: {
    recheckAboveSystolicMmHg: 140,
    recheckAboveDiastolicMmHg: 90,
    holdAtOrAboveSystolicMmHg: 160,
    holdAtOrAboveDiastolicMmHg: 100,
  },
  discharge: {
    esketamineMinMinutesFromDoseStart: 120,
    otherRoutesMinMinutesAfterDoseEnd: 60,
    systolicBelowMmHg: 160,
    diastolicBelowMmHg: 100,
    systolicWithinOfBaselineMmHg: 20,
    heartRateBelowBpm: 110,
    spo2AtLeastPct: 94,
    moaasRequired: 5,
  },
  timepoints: {
    toleranceMinutes: 5,
    esketamine: { baseline: true, minutesFromDoseStart: [40], beforeDischarge: true },
    ivInfusion: {
      baseline: true,
      duringInfusionEveryMinutes: 10,
      afterInfusionEveryMinutes: 15,
      afterInfusionUntilMinutes: 60,
      defaultInfusionMinutes: 40,
    },
    // Kapstone defaults (not from CLINICAL.md): every 15 min for the first hour, then every 30 min
    // to 2 h — 15, 30, 45, 60, 90, 120.
    im: {
      baseline: true,
      phases: [
        { everyMinutes: 15, untilMinutesFromDoseStart: 60 },
        { everyMinutes: 30, untilMinutesFromDoseStart: 120 },
      ],
    },
    sublingual: {
      baseline: true,
      phases: [
        { everyMinutes: 15, untilMinutesFromDoseStart: 60 },
        { everyMinutes: 30, untilMinutesFromDoseStart: 120 },
      ],
    },
  },
  doseOrders: {
    ivKetamineMgPerKg: { min: 0.1, max: 0.75 },
    imKetamineMgPerKg: { min: 0.1, max: 0.9 },
    sublingualKetamineMg: { min: 100, max: 400 },
    ivInfusionMinutes: { min: 1, max: 240 },
    esketamine: { deviceMg: 28, usualDosesMg: [56, 84], withReasonDosesMg: [28], maxMg: 84 },
  },
});
