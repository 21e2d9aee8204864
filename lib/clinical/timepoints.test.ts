import { describe, expect, it } from "vitest";
import { CLINICAL_THRESHOLDS, type ClinicalThresholds } from "./thresholds";
import { vitalsTimepoints, type TimepointsInput, type VitalsTimepoint } from "./timepoints";

const doseStart = new Date("2025-03-11T14:00:00Z");

function at(minutes: number, seconds = 0): Date {
  return new Date(doseStart.getTime() + minutes * 60_000 + seconds * 1000);
}

const baselineRow = at(-10);

// IV racemic ketamine 0.5 mg/kg over 40 min, infusion still running or just ended.
const iv: TimepointsInput = {
  drug: "ketamine",
  route: "iv",
  doseStartedAt: doseStart,
  doseEndedAt: null,
  infusionMinutes: 40,
  now: at(0),
  takenAt: [baselineRow],
};

// Spravato 84 mg: three devices 5 min apart.
const esketamine: TimepointsInput = {
  drug: "esketamine",
  route: "intranasal",
  doseStartedAt: doseStart,
  doseEndedAt: at(10),
  infusionMinutes: null,
  now: at(0),
  takenAt: [baselineRow],
};

const im: TimepointsInput = {
  drug: "ketamine",
  route: "im",
  doseStartedAt: doseStart,
  doseEndedAt: at(1),
  infusionMinutes: null,
  now: at(0),
  takenAt: [baselineRow],
};

const sublingual: TimepointsInput = { ...im, route: "sublingual", doseEndedAt: at(15) };

function labels(input: TimepointsInput): string[] {
  return vitalsTimepoints(input).map((t) => t.label);
}

function point(input: TimepointsInput, label: string): VitalsTimepoint {
  const found = vitalsTimepoints(input).find((t) => t.label === label);
  if (!found) throw new Error(`no timepoint ${label} in ${labels(input).join(", ")}`);
  return found;
}

describe("vitalsTimepoints schedules", () => {
  it("esketamine: baseline, 40 min (REMS) and before discharge", () => {
    expect(labels(esketamine)).toEqual(["Baseline", "40 min", "Before discharge"]);
    const beforeDischarge = point(esketamine, "Before discharge");
    expect(beforeDischarge.minutesFromDose).toBeNull();
    // The REMS discharge minimum: 120 min from dose start.
    expect(beforeDischarge.dueAt).toEqual(at(120));
  });

  it("esketamine follows the REMS schedule whatever route is recorded", () => {
    expect(labels({ ...esketamine, route: "iv", infusionMinutes: 40 })).toEqual([
      "Baseline",
      "40 min",
      "Before discharge",
    ]);
  });

  it("IV: every 10 min during a 40-min infusion, then every 15 min to 60 min after its end", () => {
    const points = vitalsTimepoints(iv);
    expect(points.map((t) => t.minutesFromDose)).toEqual([null, 10, 20, 30, 40, 55, 70, 85, 100]);
    expect(points.map((t) => t.label)).toEqual([
      "Baseline",
      "10 min",
      "20 min",
      "30 min",
      "40 min",
      "55 min",
      "70 min",
      "85 min",
      "100 min",
    ]);
    expect(point(iv, "55 min").dueAt).toEqual(at(55));
  });

  it("IV: uses the 40-min convention when the order has no infusion length", () => {
    expect(labels({ ...iv, infusionMinutes: null })).toEqual(labels(iv));
  });

  it("IV: a 45-min infusion has no check at its end minute; post-infusion checks count from 45", () => {
    const minutes = vitalsTimepoints({ ...iv, infusionMinutes: 45 }).map((t) => t.minutesFromDose);
    expect(minutes).toEqual([null, 10, 20, 30, 40, 60, 75, 90, 105]);
  });

  it("IV: the recorded infusion end overrides the ordered length", () => {
    const minutes = vitalsTimepoints({ ...iv, doseEndedAt: at(50, 40) }).map(
      (t) => t.minutesFromDose,
    );
    expect(minutes).toEqual([null, 10, 20, 30, 40, 50, 65, 80, 95, 110]);
  });

  it("IV: a short infusion has only post-infusion checks", () => {
    const minutes = vitalsTimepoints({ ...iv, infusionMinutes: 5 }).map((t) => t.minutesFromDose);
    expect(minutes).toEqual([null, 20, 35, 50, 65]);
  });

  it("IM and sublingual: Kapstone default every 15 min to 60, then every 30 min to 120", () => {
    const expected = ["Baseline", "15 min", "30 min", "45 min", "60 min", "90 min", "120 min"];
    expect(labels(im)).toEqual(expected);
    expect(labels(sublingual)).toEqual(expected);
  });

  it("intranasal racemic ketamine uses the IM schedule", () => {
    expect(labels({ ...im, route: "intranasal" })).toEqual(labels(im));
  });

  it("reads a clinic's own schedule and tolerance from the config", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      timepoints: {
        ...CLINICAL_THRESHOLDS.timepoints,
        toleranceMinutes: 0,
        sublingual: {
          baseline: false,
          phases: [
            { everyMinutes: 20, untilMinutesFromDoseStart: 50 },
            { everyMinutes: 30, untilMinutesFromDoseStart: 150 },
          ],
        },
      },
    };
    const input: TimepointsInput = { ...sublingual, config: clinic, takenAt: [at(40, 59)] };
    // The second phase continues from the last check (40), so no gap exceeds 30 min.
    expect(labels(input)).toEqual(["20 min", "40 min", "70 min", "100 min", "130 min"]);
    expect(point(input, "40 min").status).toBe("done");
    expect(point({ ...input, takenAt: [at(41)] }, "40 min").status).toBe("upcoming");
    const waiting = { ...input, takenAt: [] };
    expect(point({ ...waiting, now: at(39, 59) }, "40 min").status).toBe("upcoming");
    expect(point({ ...waiting, now: at(40, 59) }, "40 min").status).toBe("due");
    expect(point({ ...waiting, now: at(41) }, "40 min").status).toBe("overdue");
  });
});

describe("vitalsTimepoints baseline", () => {
  const noDose: TimepointsInput = { ...iv, doseStartedAt: null, takenAt: [] };

  it("is due before the dose while no vitals have been taken", () => {
    expect(point(noDose, "Baseline")).toEqual({
      label: "Baseline",
      minutesFromDose: null,
      dueAt: null,
      status: "due",
    });
  });

  it("is done by any row while there is no dose yet", () => {
    expect(point({ ...noDose, takenAt: [at(-3)] }, "Baseline").status).toBe("done");
  });

  it("is done only by a row taken before the dose started", () => {
    expect(point({ ...iv, takenAt: [at(-1, 59)] }, "Baseline").status).toBe("done");
    expect(point({ ...iv, takenAt: [at(0)] }, "Baseline").status).toBe("overdue");
    expect(point({ ...iv, takenAt: [] }, "Baseline").status).toBe("overdue");
  });

  it("leaves post-dose timepoints upcoming with no due time before the dose", () => {
    const points = vitalsTimepoints({ ...noDose, takenAt: [at(-3)] }).slice(1);
    expect(points.length).toBe(8);
    for (const p of points) {
      expect(p.status).toBe("upcoming");
      expect(p.dueAt).toBeNull();
    }
  });

  it("is left out when the clinic's protocol has no baseline", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      timepoints: {
        ...CLINICAL_THRESHOLDS.timepoints,
        im: { ...CLINICAL_THRESHOLDS.timepoints.im, baseline: false },
      },
    };
    expect(labels({ ...im, config: clinic })[0]).toBe("15 min");
  });
});

/**
 * Window edges for every scheduled minute of every route, default tolerance ±5 min on floored
 * whole minutes: [T − 5 min 0 s, T + 5 min 59 s] counts; one second outside does not. The other
 * timepoints already have their own rows, so a row near an edge cannot be claimed by a neighbour
 * whose window overlaps (IV checks are 10 min apart with ±5 min windows).
 */
const edgeCases: { route: string; input: TimepointsInput; minutes: number[] }[] = [
  { route: "esketamine", input: esketamine, minutes: [40] },
  { route: "IV", input: iv, minutes: [10, 20, 30, 40, 55, 70, 85, 100] },
  { route: "IM", input: im, minutes: [15, 30, 45, 60, 90, 120] },
  { route: "sublingual", input: sublingual, minutes: [15, 30, 45, 60, 90, 120] },
];

describe.each(edgeCases)("$route window edges", ({ input, minutes }) => {
  describe.each(minutes.map((m) => ({ m, label: `${m} min` })))("$label", ({ m, label }) => {
    const others = [baselineRow, ...minutes.filter((o) => o !== m).map((o) => at(o))];
    const withRow = (row: Date, now: Date = at(m)): TimepointsInput => ({
      ...input,
      now,
      takenAt: [...others, row],
    });

    it("is done by a row from T − 5 min to T + 5 min 59 s", () => {
      expect(point(withRow(at(m - 5)), label).status).toBe("done");
      expect(point(withRow(at(m)), label).status).toBe("done");
      expect(point(withRow(at(m + 5, 59)), label).status).toBe("done");
    });

    it("is not done by a row one second outside the window", () => {
      expect(point(withRow(at(m - 6, 59)), label).status).toBe("due");
      expect(point(withRow(at(m + 6), at(m + 6)), label).status).toBe("overdue");
    });

    it("is upcoming until T − 5 min, due through T + 5 min 59 s, then overdue", () => {
      expect(point({ ...input, now: at(m - 5, -1) }, label).status).toBe("upcoming");
      expect(point({ ...input, now: at(m - 5) }, label).status).toBe("due");
      expect(point({ ...input, now: at(m + 5, 59) }, label).status).toBe("due");
      expect(point({ ...input, now: at(m + 6) }, label).status).toBe("overdue");
    });

    it("is due at T", () => {
      expect(point({ ...input, now: at(m, 30) }, label).dueAt).toEqual(at(m));
    });
  });
});

describe("vitalsTimepoints: before discharge (esketamine)", () => {
  const label = "Before discharge";

  it("is upcoming until 5 min before the 120-min REMS minimum, then due without end", () => {
    expect(point({ ...esketamine, now: at(114, 59) }, label).status).toBe("upcoming");
    expect(point({ ...esketamine, now: at(115) }, label).status).toBe("due");
    expect(point({ ...esketamine, now: at(120) }, label).status).toBe("due");
    // Still in the chair at 4 h: the check is still due, never overdue.
    expect(point({ ...esketamine, now: at(240) }, label).status).toBe("due");
  });

  it("is done by a row from 115 min on", () => {
    const now = at(130);
    expect(point({ ...esketamine, now, takenAt: [at(114, 59)] }, label).status).toBe("due");
    expect(point({ ...esketamine, now, takenAt: [at(115)] }, label).status).toBe("done");
    expect(point({ ...esketamine, now, takenAt: [at(128)] }, label).status).toBe("done");
  });

  it("is overdue when the patient was discharged without it", () => {
    const discharged = { ...esketamine, now: at(200), dischargeAt: at(125), takenAt: [at(40)] };
    expect(point(discharged, label).status).toBe("overdue");
  });

  it("does not count a row taken after discharge", () => {
    const discharged = { ...esketamine, now: at(200), dischargeAt: at(125), takenAt: [at(126)] };
    expect(point(discharged, label).status).toBe("overdue");
    expect(point({ ...discharged, takenAt: [at(124)] }, label).status).toBe("done");
  });

  it("reads the discharge minimum from the config", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      discharge: { ...CLINICAL_THRESHOLDS.discharge, esketamineMinMinutesFromDoseStart: 150 },
    };
    const input = { ...esketamine, config: clinic };
    expect(point(input, label).dueAt).toEqual(at(150));
    expect(point({ ...input, now: at(144, 59) }, label).status).toBe("upcoming");
    expect(point({ ...input, now: at(145) }, label).status).toBe("due");
  });

  it("a full REMS session is done throughout", () => {
    const complete = {
      ...esketamine,
      now: at(126),
      takenAt: [at(-15), at(-5), at(41), at(90), at(122)],
    };
    expect(vitalsTimepoints(complete).map((t) => t.status)).toEqual(["done", "done", "done"]);
  });
});

describe("vitalsTimepoints matching", () => {
  it("counts one row for one timepoint only", () => {
    // 15 min is inside both the 10-min and the 20-min window.
    const one = vitalsTimepoints({ ...iv, now: at(22), takenAt: [baselineRow, at(15)] });
    expect(one.slice(0, 3).map((t) => t.status)).toEqual(["done", "done", "due"]);
    const two = vitalsTimepoints({ ...iv, now: at(22), takenAt: [baselineRow, at(10), at(15)] });
    expect(two.slice(0, 3).map((t) => t.status)).toEqual(["done", "done", "done"]);
  });

  it("accepts the rows in any order", () => {
    const input = { ...iv, now: at(22), takenAt: [at(15), baselineRow, at(10)] };
    expect(
      vitalsTimepoints(input)
        .slice(0, 3)
        .map((t) => t.status),
    ).toEqual(["done", "done", "done"]);
  });

  it("does not count a pre-dose row for a post-dose timepoint", () => {
    const clinic: ClinicalThresholds = {
      ...CLINICAL_THRESHOLDS,
      timepoints: { ...CLINICAL_THRESHOLDS.timepoints, toleranceMinutes: 15 },
    };
    const input = { ...iv, config: clinic, now: at(1), takenAt: [at(-2)] };
    expect(point(input, "10 min").status).toBe("due");
  });

  it("a missed check stays overdue while later ones are done", () => {
    const input = {
      ...iv,
      now: at(45),
      takenAt: [baselineRow, at(10), at(31), at(41)],
    };
    expect(vitalsTimepoints(input).map((t) => t.status)).toEqual([
      "done",
      "done",
      "overdue",
      "done",
      "done",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
  });
});

describe("vitalsTimepoints after discharge", () => {
  it("drops checks whose window had not opened and marks open ones not done as overdue", () => {
    // IV patient discharged early (with a clinician's override) at 80 min.
    const input: TimepointsInput = {
      ...iv,
      doseEndedAt: at(40),
      now: at(150),
      dischargeAt: at(80),
      takenAt: [baselineRow, at(10), at(20), at(30), at(40), at(55), at(70)],
    };
    const points = vitalsTimepoints(input);
    expect(points.map((t) => `${t.label}: ${t.status}`)).toEqual([
      "Baseline: done",
      "10 min: done",
      "20 min: done",
      "30 min: done",
      "40 min: done",
      "55 min: done",
      "70 min: done",
      "85 min: overdue",
    ]);
  });

  it("freezes statuses at discharge rather than now", () => {
    const input: TimepointsInput = {
      ...im,
      now: at(300),
      dischargeAt: at(125),
      takenAt: [baselineRow, at(15), at(30), at(45), at(60), at(90), at(120)],
    };
    expect(vitalsTimepoints(input).every((t) => t.status === "done")).toBe(true);
  });
});
