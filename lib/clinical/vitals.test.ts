import { describe, expect, it } from "vitest";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "./thresholds";
import {
  evaluateVitalsAlerts,
  highestAlertLevel,
  measurementsOf,
  minutesFromDose,
  preDoseCheck,
  validateVitals,
  type Alert,
  type AlertCode,
  type VitalsInput,
} from "./vitals";

// A settled patient mid-session: no rule should fire on this.
const calm: VitalsInput = {
  systolic: 128,
  diastolic: 78,
  heartRate: 76,
  spo2: 98,
  respiratoryRate: 14,
  temperatureC: 36.8,
  moaas: 5,
};

function vitals(overrides: Partial<VitalsInput>): VitalsInput {
  return { ...calm, ...overrides };
}

function alertFor(alerts: Alert[], code: AlertCode): Alert | undefined {
  return alerts.find((a) => a.code === code);
}

function codes(alerts: Alert[]): AlertCode[] {
  return alerts.map((a) => a.code);
}

describe("measurementsOf", () => {
  it("keeps what was measured and stores null for what was not", () => {
    expect(measurementsOf({ systolic: 124, diastolic: 78, heartRate: 72, spo2: 97 })).toEqual({
      systolic: 124,
      diastolic: 78,
      heartRate: 72,
      spo2: 97,
      respiratoryRate: null,
      temperatureC: null,
      moaas: null,
    });
  });
});

describe("validateVitals", () => {
  it("accepts a realistic complete row and a row with only the required fields", () => {
    expect(validateVitals(calm)).toEqual([]);
    expect(validateVitals({ systolic: 132, diastolic: 84, heartRate: 72 })).toEqual([]);
    expect(
      validateVitals({
        systolic: 132,
        diastolic: 84,
        heartRate: 72,
        spo2: null,
        respiratoryRate: null,
        temperatureC: null,
        moaas: null,
      }),
    ).toEqual([]);
  });

  it.each([
    [49, false],
    [50, true],
    [300, true],
    [301, false],
  ])("systolic %i plausible: %s", (systolic, ok) => {
    const errors = validateVitals(vitals({ systolic, diastolic: 40 }));
    expect(errors.length === 0).toBe(ok);
    if (!ok) {
      expect(errors).toEqual([
        { field: "systolic", message: "Systolic must be between 50 and 300 mmHg" },
      ]);
    }
  });

  it.each([
    [19, false],
    [20, true],
    [200, true],
    [201, false],
  ])("diastolic %i plausible: %s", (diastolic, ok) => {
    const errors = validateVitals(vitals({ systolic: 260, diastolic }));
    expect(errors.length === 0).toBe(ok);
    if (!ok) {
      expect(errors).toEqual([
        { field: "diastolic", message: "Diastolic must be between 20 and 200 mmHg" },
      ]);
    }
  });

  it("requires diastolic below systolic", () => {
    expect(validateVitals(vitals({ systolic: 90, diastolic: 90 }))).toEqual([
      { field: "diastolic", message: "Diastolic must be below systolic" },
    ]);
    expect(validateVitals(vitals({ systolic: 80, diastolic: 120 }))).toEqual([
      { field: "diastolic", message: "Diastolic must be below systolic" },
    ]);
    expect(validateVitals(vitals({ systolic: 91, diastolic: 90 }))).toEqual([]);
  });

  it.each([
    [19, false],
    [20, true],
    [250, true],
    [251, false],
  ])("heart rate %i plausible: %s", (heartRate, ok) => {
    const errors = validateVitals(vitals({ heartRate }));
    expect(errors).toEqual(
      ok ? [] : [{ field: "heartRate", message: "Heart rate must be between 20 and 250 bpm" }],
    );
  });

  it.each([
    [49, false],
    [50, true],
    [100, true],
    [101, false],
  ])("SpO2 %i plausible: %s", (spo2, ok) => {
    const errors = validateVitals(vitals({ spo2 }));
    expect(errors).toEqual(
      ok ? [] : [{ field: "spo2", message: "SpO2 must be between 50 and 100%" }],
    );
  });

  it.each([
    [1, false],
    [2, true],
    [80, true],
    [81, false],
  ])("respiratory rate %i plausible: %s", (respiratoryRate, ok) => {
    const errors = validateVitals(vitals({ respiratoryRate }));
    expect(errors).toEqual(
      ok
        ? []
        : [
            {
              field: "respiratoryRate",
              message: "Respiratory rate must be between 2 and 80 breaths/min",
            },
          ],
    );
  });

  it.each([
    [29.9, false],
    [30.0, true],
    [37.2, true],
    [45.0, true],
    [45.1, false],
  ])("temperature %d °C plausible: %s", (temperatureC, ok) => {
    const errors = validateVitals(vitals({ temperatureC }));
    expect(errors).toEqual(
      ok
        ? []
        : [{ field: "temperatureC", message: "Temperature must be between 30.0 and 45.0 °C" }],
    );
  });

  it.each([
    [-1, false],
    [0, true],
    [3, true],
    [5, true],
    [6, false],
    [2.5, false],
  ])("MOAA/S %d plausible: %s", (moaas, ok) => {
    const errors = validateVitals(vitals({ moaas }));
    expect(errors).toEqual(
      ok ? [] : [{ field: "moaas", message: "MOAA/S must be an integer between 0 and 5" }],
    );
  });

  it("rejects fractional whole-number fields and non-numbers, naming the field", () => {
    expect(validateVitals(vitals({ systolic: 128.5 }))).toEqual([
      { field: "systolic", message: "Systolic must be a whole number" },
    ]);
    expect(validateVitals(vitals({ heartRate: Number.NaN }))).toEqual([
      { field: "heartRate", message: "Heart rate must be a number" },
    ]);
  });

  it("reports several fields at once and skips the order check when a pressure is invalid", () => {
    const errors = validateVitals({ systolic: 310, diastolic: 15, heartRate: 260, spo2: 40 });
    expect(errors.map((e) => e.field)).toEqual(["systolic", "diastolic", "heartRate", "spo2"]);
  });

  it("reads ranges from the configuration passed in", () => {
    const strict: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      plausible: { ...CLINICAL_THRESHOLDS.plausible, heartRateBpm: { min: 30, max: 220 } },
    };
    expect(validateVitals(vitals({ heartRate: 25 }), strict)).toEqual([
      { field: "heartRate", message: "Heart rate must be between 30 and 220 bpm" },
    ]);
  });
});

describe("evaluateVitalsAlerts", () => {
  it("raises nothing for calm vitals, with or without a baseline", () => {
    expect(evaluateVitalsAlerts(calm)).toEqual([]);
    expect(evaluateVitalsAlerts(calm, { systolic: 124, diastolic: 76 })).toEqual([]);
  });

  describe("bp-critical and bp-high", () => {
    it("systolic 179 is high, 180 is critical (and not also high)", () => {
      const at179 = evaluateVitalsAlerts(vitals({ systolic: 179, diastolic: 92 }));
      expect(codes(at179)).toEqual(["bp-high"]);
      const at180 = evaluateVitalsAlerts(vitals({ systolic: 180, diastolic: 92 }));
      expect(codes(at180)).toEqual(["bp-critical"]);
    });

    it("names the rule, value and threshold", () => {
      const [alert] = evaluateVitalsAlerts(vitals({ systolic: 182, diastolic: 96 }));
      expect(alert).toEqual({
        code: "bp-critical",
        level: "critical",
        message: "Systolic 182 mmHg ≥ 180 mmHg (critical blood pressure)",
        value: "182/96 mmHg",
        threshold: "systolic ≥ 180 mmHg or diastolic ≥ 110 mmHg",
      });
    });

    it("diastolic 109 is high, 110 is critical", () => {
      expect(codes(evaluateVitalsAlerts(vitals({ systolic: 150, diastolic: 109 })))).toEqual([
        "bp-high",
      ]);
      const critical = evaluateVitalsAlerts(vitals({ systolic: 150, diastolic: 110 }));
      expect(codes(critical)).toEqual(["bp-critical"]);
      expect(critical[0]?.message).toBe("Diastolic 110 mmHg ≥ 110 mmHg (critical blood pressure)");
    });

    it("lists both components when both cross", () => {
      const [alert] = evaluateVitalsAlerts(vitals({ systolic: 196, diastolic: 114 }));
      expect(alert?.message).toBe(
        "Systolic 196 mmHg ≥ 180 mmHg and diastolic 114 mmHg ≥ 110 mmHg (critical blood pressure)",
      );
    });

    it("systolic 159 is quiet, 160 is high", () => {
      expect(evaluateVitalsAlerts(vitals({ systolic: 159, diastolic: 88 }))).toEqual([]);
      const [alert] = evaluateVitalsAlerts(vitals({ systolic: 160, diastolic: 88 }));
      expect(alert).toEqual({
        code: "bp-high",
        level: "warning",
        message: "Systolic 160 mmHg ≥ 160 mmHg (high blood pressure)",
        value: "160/88 mmHg",
        threshold: "systolic ≥ 160 mmHg or diastolic ≥ 100 mmHg",
      });
    });

    it("diastolic 99 is quiet, 100 is high", () => {
      expect(evaluateVitalsAlerts(vitals({ systolic: 148, diastolic: 99 }))).toEqual([]);
      const [alert] = evaluateVitalsAlerts(vitals({ systolic: 148, diastolic: 100 }));
      expect(alert?.code).toBe("bp-high");
      expect(alert?.message).toBe("Diastolic 100 mmHg ≥ 100 mmHg (high blood pressure)");
    });
  });

  describe("bp-rise", () => {
    const baseline = { systolic: 118, diastolic: 72 };

    it("systolic baseline + 39 is quiet, + 40 fires", () => {
      expect(evaluateVitalsAlerts(vitals({ systolic: 157, diastolic: 80 }), baseline)).toEqual([]);
      const [alert] = evaluateVitalsAlerts(vitals({ systolic: 158, diastolic: 80 }), baseline);
      expect(alert).toEqual({
        code: "bp-rise",
        level: "warning",
        message:
          "Systolic 158 mmHg ≥ baseline 118 + 40 = 158 mmHg (significant blood pressure rise)",
        value: "158/80 mmHg",
        threshold: "systolic ≥ 158 mmHg or diastolic ≥ 97 mmHg (baseline 118/72 mmHg + 40/25)",
      });
    });

    it("diastolic baseline + 24 is quiet, + 25 fires", () => {
      expect(evaluateVitalsAlerts(vitals({ systolic: 140, diastolic: 96 }), baseline)).toEqual([]);
      const alerts = evaluateVitalsAlerts(vitals({ systolic: 140, diastolic: 97 }), baseline);
      expect(codes(alerts)).toEqual(["bp-rise"]);
      expect(alerts[0]?.message).toContain(
        "Diastolic 97 mmHg ≥ baseline 72 + 25 = 97 mmHg (significant blood pressure rise)",
      );
    });

    it("fires alongside bp-high and bp-critical", () => {
      expect(
        codes(evaluateVitalsAlerts(vitals({ systolic: 164, diastolic: 90 }), baseline)),
      ).toEqual(["bp-high", "bp-rise"]);
      expect(
        codes(evaluateVitalsAlerts(vitals({ systolic: 184, diastolic: 90 }), baseline)),
      ).toEqual(["bp-critical", "bp-rise"]);
    });

    it("does not fire without a baseline", () => {
      expect(evaluateVitalsAlerts(vitals({ systolic: 158, diastolic: 97 }), null)).toEqual([]);
      expect(evaluateVitalsAlerts(vitals({ systolic: 158, diastolic: 97 }))).toEqual([]);
    });
  });

  describe("hr-high", () => {
    it.each([
      [109, null],
      [110, "warning"],
      [129, "warning"],
      [130, "critical"],
    ])("heart rate %i → %s", (heartRate, level) => {
      const alerts = evaluateVitalsAlerts(vitals({ heartRate }));
      expect(alerts.filter((a) => a.code === "hr-high")).toHaveLength(level === null ? 0 : 1);
      expect(alertFor(alerts, "hr-high")?.level ?? null).toBe(level);
    });

    it("words warning and critical alerts", () => {
      expect(alertFor(evaluateVitalsAlerts(vitals({ heartRate: 118 })), "hr-high")).toEqual({
        code: "hr-high",
        level: "warning",
        message: "Heart rate 118 bpm ≥ 110 bpm (high heart rate)",
        value: "118 bpm",
        threshold: "≥ 110 bpm",
      });
      expect(alertFor(evaluateVitalsAlerts(vitals({ heartRate: 134 })), "hr-high")).toEqual({
        code: "hr-high",
        level: "critical",
        message: "Heart rate 134 bpm ≥ 130 bpm (critically high heart rate)",
        value: "134 bpm",
        threshold: "≥ 130 bpm",
      });
    });
  });

  describe("hr-low", () => {
    it.each([
      [50, null],
      [49, "warning"],
      [40, "warning"],
      [39, "critical"],
    ])("heart rate %i → %s", (heartRate, level) => {
      const alerts = evaluateVitalsAlerts(vitals({ heartRate }));
      expect(alerts.filter((a) => a.code === "hr-low")).toHaveLength(level === null ? 0 : 1);
      expect(alertFor(alerts, "hr-low")?.level ?? null).toBe(level);
    });

    it("words the alert", () => {
      expect(alertFor(evaluateVitalsAlerts(vitals({ heartRate: 38 })), "hr-low")).toEqual({
        code: "hr-low",
        level: "critical",
        message: "Heart rate 38 bpm < 40 bpm (critically low heart rate)",
        value: "38 bpm",
        threshold: "< 40 bpm",
      });
    });
  });

  describe("spo2-low", () => {
    it.each([
      [94, null],
      [93, "warning"],
      [90, "warning"],
      [89, "critical"],
    ])("SpO2 %i → %s", (spo2, level) => {
      const alerts = evaluateVitalsAlerts(vitals({ spo2 }));
      expect(alerts.filter((a) => a.code === "spo2-low")).toHaveLength(level === null ? 0 : 1);
      expect(alertFor(alerts, "spo2-low")?.level ?? null).toBe(level);
    });

    it("words the alert and ignores a missing SpO2", () => {
      expect(alertFor(evaluateVitalsAlerts(vitals({ spo2: 92 })), "spo2-low")).toEqual({
        code: "spo2-low",
        level: "warning",
        message: "SpO2 92% < 94% (low oxygen saturation)",
        value: "92%",
        threshold: "< 94%",
      });
      expect(evaluateVitalsAlerts(vitals({ spo2: null }))).toEqual([]);
      expect(evaluateVitalsAlerts(vitals({ spo2: undefined }))).toEqual([]);
    });
  });

  describe("rr-abnormal", () => {
    it.each([
      [10, null],
      [9, "warning"],
      [8, "warning"],
      [7, "critical"],
      [24, null],
      [25, "warning"],
      [30, "warning"],
      [31, "critical"],
    ])("respiratory rate %i → %s", (respiratoryRate, level) => {
      const alerts = evaluateVitalsAlerts(vitals({ respiratoryRate }));
      expect(alerts.filter((a) => a.code === "rr-abnormal")).toHaveLength(level === null ? 0 : 1);
      expect(alertFor(alerts, "rr-abnormal")?.level ?? null).toBe(level);
    });

    it("words low and high alerts with the threshold on the side that fired", () => {
      expect(alertFor(evaluateVitalsAlerts(vitals({ respiratoryRate: 9 })), "rr-abnormal")).toEqual(
        {
          code: "rr-abnormal",
          level: "warning",
          message: "Respiratory rate 9 breaths/min < 10 breaths/min (abnormal respiratory rate)",
          value: "9 breaths/min",
          threshold: "< 10 breaths/min",
        },
      );
      expect(
        alertFor(evaluateVitalsAlerts(vitals({ respiratoryRate: 32 })), "rr-abnormal"),
      ).toEqual({
        code: "rr-abnormal",
        level: "critical",
        message:
          "Respiratory rate 32 breaths/min > 30 breaths/min (critically abnormal respiratory rate)",
        value: "32 breaths/min",
        threshold: "> 30 breaths/min",
      });
    });
  });

  describe("temp-high", () => {
    it("37.9 °C is quiet, 38.0 °C fires as a warning", () => {
      expect(evaluateVitalsAlerts(vitals({ temperatureC: 37.9 }))).toEqual([]);
      expect(alertFor(evaluateVitalsAlerts(vitals({ temperatureC: 38.0 })), "temp-high")).toEqual({
        code: "temp-high",
        level: "warning",
        message: "Temperature 38.0 °C ≥ 38.0 °C (raised temperature)",
        value: "38.0 °C",
        threshold: "≥ 38.0 °C",
      });
    });
  });

  describe("sedation-deep", () => {
    it.each([
      [5, null],
      [4, null],
      [3, "warning"],
      [2, "warning"],
      [1, "critical"],
      [0, "critical"],
    ])("MOAA/S %i → %s", (moaas, level) => {
      const alerts = evaluateVitalsAlerts(vitals({ moaas }));
      expect(alerts.filter((a) => a.code === "sedation-deep")).toHaveLength(level === null ? 0 : 1);
      expect(alertFor(alerts, "sedation-deep")?.level ?? null).toBe(level);
    });

    it("words the alert", () => {
      expect(alertFor(evaluateVitalsAlerts(vitals({ moaas: 3 })), "sedation-deep")).toEqual({
        code: "sedation-deep",
        level: "warning",
        message: "MOAA/S 3 ≤ 3 (deep sedation)",
        value: "MOAA/S 3",
        threshold: "≤ 3",
      });
    });
  });

  it("reports several rules at once on a deteriorating patient", () => {
    const alerts = evaluateVitalsAlerts(
      { systolic: 186, diastolic: 104, heartRate: 132, spo2: 89, respiratoryRate: 7, moaas: 1 },
      { systolic: 134, diastolic: 82 },
    );
    expect(alerts.map((a) => [a.code, a.level])).toEqual([
      ["bp-critical", "critical"],
      ["bp-rise", "warning"],
      ["hr-high", "critical"],
      ["spo2-low", "critical"],
      ["rr-abnormal", "critical"],
      ["sedation-deep", "critical"],
    ]);
  });

  it("reads thresholds from the configuration passed in", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      alerts: {
        ...CLINICAL_THRESHOLDS.alerts,
        hrHigh: { warningAtOrAboveBpm: 100, criticalAtOrAboveBpm: 120 },
      },
    };
    const [alert] = evaluateVitalsAlerts(vitals({ heartRate: 104 }), null, clinic);
    expect(alert?.message).toBe("Heart rate 104 bpm ≥ 100 bpm (high heart rate)");
  });
});

describe("highestAlertLevel", () => {
  it("returns null, warning or critical", () => {
    expect(highestAlertLevel([])).toBeNull();
    expect(highestAlertLevel(evaluateVitalsAlerts(vitals({ heartRate: 112 })))).toBe("warning");
    expect(highestAlertLevel(evaluateVitalsAlerts(vitals({ heartRate: 112, spo2: 88 })))).toBe(
      "critical",
    );
    expect(highestAlertLevel([{ level: "critical" }, { level: "warning" }])).toBe("critical");
  });
});

describe("preDoseCheck", () => {
  it.each([
    [140, 90, "ok"],
    [118, 74, "ok"],
    [141, 90, "recheck"],
    [140, 91, "recheck"],
    [159, 99, "recheck"],
    [160, 90, "hold"],
    [140, 100, "hold"],
    [172, 104, "hold"],
  ] as const)("baseline %i/%i → %s", (systolic, diastolic, status) => {
    expect(preDoseCheck({ systolic, diastolic }).status).toBe(status);
  });

  it("explains each outcome", () => {
    expect(preDoseCheck({ systolic: 132, diastolic: 84 }).message).toBe(
      "Baseline 132/84 mmHg is within the pre-dose limit (≤ 140/90 mmHg)",
    );
    expect(preDoseCheck({ systolic: 146, diastolic: 88 }).message).toBe(
      "Baseline 146/88 mmHg is above 140/90 mmHg: re-check before dosing; a psychiatrist's acknowledgement is needed to proceed",
    );
    expect(preDoseCheck({ systolic: 162, diastolic: 96 }).message).toBe(
      "Baseline 162/96 mmHg is at or above 160/100 mmHg: hold the dose unless the psychiatrist records an override with a reason",
    );
  });
});

describe("minutesFromDose", () => {
  const start = new Date("2025-03-11T14:05:00Z");

  it("is null with no dose or before the dose", () => {
    expect(minutesFromDose(new Date("2025-03-11T14:10:00Z"), null)).toBeNull();
    expect(minutesFromDose(new Date("2025-03-11T14:04:59Z"), start)).toBeNull();
  });

  it("floors to whole minutes from dose start", () => {
    expect(minutesFromDose(start, start)).toBe(0);
    expect(minutesFromDose(new Date("2025-03-11T14:44:59Z"), start)).toBe(39);
    expect(minutesFromDose(new Date("2025-03-11T14:45:00Z"), start)).toBe(40);
    expect(minutesFromDose(new Date("2025-03-11T16:05:30Z"), start)).toBe(120);
  });
});
