import { CLINICAL_THRESHOLDS, type ClinicalThresholds, type PlausibleRange } from "./thresholds";

/** One vitals check as entered at the chair. Units as in CLINICAL.md. */
export type VitalsInput = {
  /** mmHg */
  systolic: number;
  /** mmHg */
  diastolic: number;
  /** bpm */
  heartRate: number;
  /** % */
  spo2?: number | null;
  /** breaths/min */
  respiratoryRate?: number | null;
  /** °C */
  temperatureC?: number | null;
  /** MOAA/S 0–5 */
  moaas?: number | null;
};

/** A reading's measurements as stored: every one present, null where it was not taken. */
export function measurementsOf(reading: VitalsInput): Required<VitalsInput> {
  return {
    systolic: reading.systolic,
    diastolic: reading.diastolic,
    heartRate: reading.heartRate,
    spo2: reading.spo2 ?? null,
    respiratoryRate: reading.respiratoryRate ?? null,
    temperatureC: reading.temperatureC ?? null,
    moaas: reading.moaas ?? null,
  };
}

export type VitalsField = keyof VitalsInput;

export type VitalsValidationError = { field: VitalsField; message: string };

export type BloodPressure = { systolic: number; diastolic: number };

export const ALERT_CODES = [
  "bp-critical",
  "bp-high",
  "bp-rise",
  "hr-high",
  "hr-low",
  "spo2-low",
  "rr-abnormal",
  "temp-high",
  "sedation-deep",
] as const;

export type AlertCode = (typeof ALERT_CODES)[number];

export type AlertLevel = "warning" | "critical";

export type Alert = {
  code: AlertCode;
  level: AlertLevel;
  /** Names the rule, the value and the threshold, e.g. "Systolic 182 mmHg ≥ 180 mmHg (...)". */
  message: string;
  value: string;
  threshold: string;
};

export type PreDoseStatus = "ok" | "recheck" | "hold";

export type PreDoseCheck = { status: PreDoseStatus; message: string };

/** MOAA/S anchors (CLINICAL.md), index = score. */
export const MOAAS_LABELS: readonly string[] = Object.freeze([
  "No response",
  "Responds only to painful trapezius squeeze",
  "Responds only to mild prodding or shaking",
  "Responds only to loud or repeated name",
  "Lethargic response",
  "Responds readily to name in normal tone",
]);

type FieldSpec = {
  field: VitalsField;
  label: string;
  unit: string;
  required: boolean;
  /** Systolic, diastolic, HR, SpO2, RR and MOAA/S are whole numbers (smallint columns). */
  integer: boolean;
  decimals: number;
  range: (config: ClinicalThresholds) => PlausibleRange;
};

const FIELD_SPECS: readonly FieldSpec[] = [
  {
    field: "systolic",
    label: "Systolic",
    unit: "mmHg",
    required: true,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.systolicMmHg,
  },
  {
    field: "diastolic",
    label: "Diastolic",
    unit: "mmHg",
    required: true,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.diastolicMmHg,
  },
  {
    field: "heartRate",
    label: "Heart rate",
    unit: "bpm",
    required: true,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.heartRateBpm,
  },
  {
    field: "spo2",
    label: "SpO2",
    unit: "%",
    required: false,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.spo2Pct,
  },
  {
    field: "respiratoryRate",
    label: "Respiratory rate",
    unit: "breaths/min",
    required: false,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.respiratoryRatePerMin,
  },
  {
    field: "temperatureC",
    label: "Temperature",
    unit: "°C",
    required: false,
    integer: false,
    decimals: 1,
    range: (c) => c.plausible.temperatureC,
  },
  {
    field: "moaas",
    label: "MOAA/S",
    unit: "",
    required: false,
    integer: true,
    decimals: 0,
    range: (c) => c.plausible.moaas,
  },
];

function withUnit(text: string, unit: string): string {
  if (unit === "") return text;
  if (unit === "%") return `${text}%`;
  return `${text} ${unit}`;
}

/** Integers print as they are; temperatures keep one decimal ("38.0 °C"). */
function formatNumber(value: number, decimals: number): string {
  return decimals > 0 ? value.toFixed(decimals) : String(value);
}

/**
 * Plausibility check before storing: each message names the field. An empty list means valid.
 * Values outside the plausible ranges are entry errors (422), not clinical findings.
 */
export function validateVitals(
  input: VitalsInput,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): VitalsValidationError[] {
  const errors: VitalsValidationError[] = [];
  for (const spec of FIELD_SPECS) {
    const value = input[spec.field];
    if (value === null || value === undefined) {
      if (spec.required) errors.push({ field: spec.field, message: `${spec.label} is required` });
      continue;
    }
    const range = spec.range(config);
    if (!Number.isFinite(value)) {
      errors.push({ field: spec.field, message: `${spec.label} must be a number` });
    } else if (
      spec.field === "moaas" &&
      (!Number.isInteger(value) || value < range.min || value > range.max)
    ) {
      errors.push({
        field: spec.field,
        message: `MOAA/S must be an integer between ${range.min} and ${range.max}`,
      });
    } else if (spec.integer && !Number.isInteger(value)) {
      errors.push({ field: spec.field, message: `${spec.label} must be a whole number` });
    } else if (value < range.min || value > range.max) {
      const bounds = `${formatNumber(range.min, spec.decimals)} and ${formatNumber(range.max, spec.decimals)}`;
      errors.push({
        field: spec.field,
        message: `${spec.label} must be between ${withUnit(bounds, spec.unit)}`,
      });
    }
  }
  const bpValid = !errors.some((e) => e.field === "systolic" || e.field === "diastolic");
  if (bpValid && input.diastolic >= input.systolic) {
    errors.push({ field: "diastolic", message: "Diastolic must be below systolic" });
  }
  return errors;
}

function present(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

function bp(value: BloodPressure): string {
  return `${value.systolic}/${value.diastolic} mmHg`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Default alert rules (CLINICAL.md table). At most one alert per code; where a rule has a warning
 * and a critical threshold the alert takes the more severe level. `baseline` is the last vitals
 * row taken before the dose in the same session; pass null for pre-dose rows (no `bp-rise`).
 * Expects values that passed `validateVitals`.
 */
export function evaluateVitalsAlerts(
  input: VitalsInput,
  baseline?: BloodPressure | null,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): Alert[] {
  const rules = config.alerts;
  const alerts: Alert[] = [];
  const reading = bp(input);

  const critParts: string[] = [];
  if (input.systolic >= rules.bpCritical.systolicMmHg) {
    critParts.push(`systolic ${input.systolic} mmHg ≥ ${rules.bpCritical.systolicMmHg} mmHg`);
  }
  if (input.diastolic >= rules.bpCritical.diastolicMmHg) {
    critParts.push(`diastolic ${input.diastolic} mmHg ≥ ${rules.bpCritical.diastolicMmHg} mmHg`);
  }
  if (critParts.length > 0) {
    alerts.push({
      code: "bp-critical",
      level: "critical",
      message: `${capitalise(critParts.join(" and "))} (critical blood pressure)`,
      value: reading,
      threshold: `systolic ≥ ${rules.bpCritical.systolicMmHg} mmHg or diastolic ≥ ${rules.bpCritical.diastolicMmHg} mmHg`,
    });
  } else {
    const highParts: string[] = [];
    if (input.systolic >= rules.bpHigh.systolicMmHg) {
      highParts.push(`systolic ${input.systolic} mmHg ≥ ${rules.bpHigh.systolicMmHg} mmHg`);
    }
    if (input.diastolic >= rules.bpHigh.diastolicMmHg) {
      highParts.push(`diastolic ${input.diastolic} mmHg ≥ ${rules.bpHigh.diastolicMmHg} mmHg`);
    }
    if (highParts.length > 0) {
      alerts.push({
        code: "bp-high",
        level: "warning",
        message: `${capitalise(highParts.join(" and "))} (high blood pressure)`,
        value: reading,
        threshold: `systolic ≥ ${rules.bpHigh.systolicMmHg} mmHg or diastolic ≥ ${rules.bpHigh.diastolicMmHg} mmHg`,
      });
    }
  }

  if (baseline) {
    const sysLimit = baseline.systolic + rules.bpRise.systolicRiseMmHg;
    const diaLimit = baseline.diastolic + rules.bpRise.diastolicRiseMmHg;
    const riseParts: string[] = [];
    if (input.systolic >= sysLimit) {
      riseParts.push(
        `systolic ${input.systolic} mmHg ≥ baseline ${baseline.systolic} + ${rules.bpRise.systolicRiseMmHg} = ${sysLimit} mmHg`,
      );
    }
    if (input.diastolic >= diaLimit) {
      riseParts.push(
        `diastolic ${input.diastolic} mmHg ≥ baseline ${baseline.diastolic} + ${rules.bpRise.diastolicRiseMmHg} = ${diaLimit} mmHg`,
      );
    }
    if (riseParts.length > 0) {
      alerts.push({
        code: "bp-rise",
        level: "warning",
        message: `${capitalise(riseParts.join(" and "))} (significant blood pressure rise)`,
        value: reading,
        threshold: `systolic ≥ ${sysLimit} mmHg or diastolic ≥ ${diaLimit} mmHg (baseline ${bp(baseline)} + ${rules.bpRise.systolicRiseMmHg}/${rules.bpRise.diastolicRiseMmHg})`,
      });
    }
  }

  const hr = input.heartRate;
  if (hr >= rules.hrHigh.criticalAtOrAboveBpm) {
    alerts.push(
      graded(
        "hr-high",
        "critical",
        "Heart rate",
        hr,
        "≥",
        rules.hrHigh.criticalAtOrAboveBpm,
        "bpm",
        "critically high heart rate",
      ),
    );
  } else if (hr >= rules.hrHigh.warningAtOrAboveBpm) {
    alerts.push(
      graded(
        "hr-high",
        "warning",
        "Heart rate",
        hr,
        "≥",
        rules.hrHigh.warningAtOrAboveBpm,
        "bpm",
        "high heart rate",
      ),
    );
  }
  if (hr < rules.hrLow.criticalBelowBpm) {
    alerts.push(
      graded(
        "hr-low",
        "critical",
        "Heart rate",
        hr,
        "<",
        rules.hrLow.criticalBelowBpm,
        "bpm",
        "critically low heart rate",
      ),
    );
  } else if (hr < rules.hrLow.warningBelowBpm) {
    alerts.push(
      graded(
        "hr-low",
        "warning",
        "Heart rate",
        hr,
        "<",
        rules.hrLow.warningBelowBpm,
        "bpm",
        "low heart rate",
      ),
    );
  }

  if (present(input.spo2)) {
    const v = input.spo2;
    if (v < rules.spo2Low.criticalBelowPct) {
      alerts.push(
        graded(
          "spo2-low",
          "critical",
          "SpO2",
          v,
          "<",
          rules.spo2Low.criticalBelowPct,
          "%",
          "critically low oxygen saturation",
        ),
      );
    } else if (v < rules.spo2Low.warningBelowPct) {
      alerts.push(
        graded(
          "spo2-low",
          "warning",
          "SpO2",
          v,
          "<",
          rules.spo2Low.warningBelowPct,
          "%",
          "low oxygen saturation",
        ),
      );
    }
  }

  if (present(input.respiratoryRate)) {
    const v = input.respiratoryRate;
    const rr = rules.rrAbnormal;
    const unit = "breaths/min";
    if (v < rr.criticalBelowPerMin) {
      alerts.push(
        graded(
          "rr-abnormal",
          "critical",
          "Respiratory rate",
          v,
          "<",
          rr.criticalBelowPerMin,
          unit,
          "critically abnormal respiratory rate",
        ),
      );
    } else if (v > rr.criticalAbovePerMin) {
      alerts.push(
        graded(
          "rr-abnormal",
          "critical",
          "Respiratory rate",
          v,
          ">",
          rr.criticalAbovePerMin,
          unit,
          "critically abnormal respiratory rate",
        ),
      );
    } else if (v < rr.warningBelowPerMin) {
      alerts.push(
        graded(
          "rr-abnormal",
          "warning",
          "Respiratory rate",
          v,
          "<",
          rr.warningBelowPerMin,
          unit,
          "abnormal respiratory rate",
        ),
      );
    } else if (v > rr.warningAbovePerMin) {
      alerts.push(
        graded(
          "rr-abnormal",
          "warning",
          "Respiratory rate",
          v,
          ">",
          rr.warningAbovePerMin,
          unit,
          "abnormal respiratory rate",
        ),
      );
    }
  }

  if (present(input.temperatureC) && input.temperatureC >= rules.tempHigh.warningAtOrAboveC) {
    alerts.push(
      graded(
        "temp-high",
        "warning",
        "Temperature",
        input.temperatureC,
        "≥",
        rules.tempHigh.warningAtOrAboveC,
        "°C",
        "raised temperature",
        1,
      ),
    );
  }

  if (present(input.moaas)) {
    const v = input.moaas;
    if (v <= rules.sedationDeep.criticalAtOrBelow) {
      alerts.push(
        graded(
          "sedation-deep",
          "critical",
          "MOAA/S",
          v,
          "≤",
          rules.sedationDeep.criticalAtOrBelow,
          "",
          "critically deep sedation",
        ),
      );
    } else if (v <= rules.sedationDeep.warningAtOrBelow) {
      alerts.push(
        graded(
          "sedation-deep",
          "warning",
          "MOAA/S",
          v,
          "≤",
          rules.sedationDeep.warningAtOrBelow,
          "",
          "deep sedation",
        ),
      );
    }
  }

  return alerts;
}

function graded(
  code: AlertCode,
  level: AlertLevel,
  label: string,
  value: number,
  comparator: "≥" | "<" | ">" | "≤",
  limit: number,
  unit: string,
  rule: string,
  decimals = 0,
): Alert {
  const valueText = withUnit(formatNumber(value, decimals), unit);
  const thresholdText = `${comparator} ${withUnit(formatNumber(limit, decimals), unit)}`;
  return {
    code,
    level,
    message: `${label} ${valueText} ${thresholdText} (${rule})`,
    value: unit === "" ? `${label} ${valueText}` : valueText,
    threshold: thresholdText,
  };
}

/** "critical" if any alert is critical, "warning" if any is a warning, null for none. */
export function highestAlertLevel(alerts: readonly Pick<Alert, "level">[]): AlertLevel | null {
  let highest: AlertLevel | null = null;
  for (const alert of alerts) {
    switch (alert.level) {
      case "critical":
        return "critical";
      case "warning":
        highest = "warning";
        break;
      default: {
        const unreachable: never = alert.level;
        throw new Error(`Unknown alert level ${String(unreachable)}`);
      }
    }
  }
  return highest;
}

/**
 * Baseline blood pressure before dosing (esketamine label guidance): above 140/90 → re-check and
 * a psychiatrist's recorded acknowledgement; at or above 160/100 → hold unless the psychiatrist
 * records an override with a reason. Either component alone is enough.
 */
export function preDoseCheck(
  baseline: BloodPressure,
  config: ClinicalThresholds = CLINICAL_THRESHOLDS,
): PreDoseCheck {
  const p = config.preDose;
  const reading = bp(baseline);
  if (
    baseline.systolic >= p.holdAtOrAboveSystolicMmHg ||
    baseline.diastolic >= p.holdAtOrAboveDiastolicMmHg
  ) {
    return {
      status: "hold",
      message: `Baseline ${reading} is at or above ${p.holdAtOrAboveSystolicMmHg}/${p.holdAtOrAboveDiastolicMmHg} mmHg: hold the dose unless the psychiatrist records an override with a reason`,
    };
  }
  if (
    baseline.systolic > p.recheckAboveSystolicMmHg ||
    baseline.diastolic > p.recheckAboveDiastolicMmHg
  ) {
    return {
      status: "recheck",
      message: `Baseline ${reading} is above ${p.recheckAboveSystolicMmHg}/${p.recheckAboveDiastolicMmHg} mmHg: re-check before dosing; a psychiatrist's acknowledgement is needed to proceed`,
    };
  }
  return {
    status: "ok",
    message: `Baseline ${reading} is within the pre-dose limit (≤ ${p.recheckAboveSystolicMmHg}/${p.recheckAboveDiastolicMmHg} mmHg)`,
  };
}

/**
 * Whole minutes from dose start (floored), derived and never typed. Null when there is no dose
 * yet or the row was taken before the dose started.
 */
export function minutesFromDose(takenAt: Date, doseStartedAt: Date | null): number | null {
  if (doseStartedAt === null) return null;
  const ms = takenAt.getTime() - doseStartedAt.getTime();
  if (ms < 0) return null;
  return Math.floor(ms / 60_000);
}
