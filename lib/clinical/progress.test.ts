import { describe, expect, it } from "vitest";
import { changePercent, findBaseline, isRemission, isResponse, responseLine } from "./progress";

type Row = { id: string; administeredAt: Date; total: number };

const rows: Row[] = [
  { id: "screening", administeredAt: new Date("2025-01-06T15:00:00Z"), total: 21 },
  { id: "intake", administeredAt: new Date("2025-01-20T10:30:00Z"), total: 19 },
  { id: "pre-dose", administeredAt: new Date("2025-02-03T09:00:00Z"), total: 18 },
  { id: "after-dose-2", administeredAt: new Date("2025-02-07T11:00:00Z"), total: 12 },
  { id: "after-dose-4", administeredAt: new Date("2025-02-14T11:00:00Z"), total: 7 },
];

// Shuffled to prove order does not matter.
const shuffled: Row[] = [rows[3], rows[0], rows[4], rows[2], rows[1]].filter(
  (r): r is Row => r !== undefined,
);

describe("findBaseline", () => {
  it("takes the latest assessment on or before the first dosing start", () => {
    const firstDose = new Date("2025-02-03T09:30:00Z");
    expect(findBaseline(shuffled, firstDose)?.id).toBe("pre-dose");
  });

  it("counts an assessment at exactly the dosing start as before it", () => {
    expect(findBaseline(shuffled, new Date("2025-02-03T09:00:00Z"))?.id).toBe("pre-dose");
    expect(findBaseline(shuffled, new Date("2025-02-03T08:59:59Z"))?.id).toBe("intake");
  });

  it("falls back to the earliest when none precedes the first dose", () => {
    const later = shuffled.filter((r) => r.administeredAt > new Date("2025-02-05T00:00:00Z"));
    expect(findBaseline(later, new Date("2025-02-03T09:30:00Z"))?.id).toBe("after-dose-2");
  });

  it("falls back to the earliest when there is no dosing session yet", () => {
    expect(findBaseline(shuffled, null)?.id).toBe("screening");
  });

  it("is null with no assessments", () => {
    expect(findBaseline([], null)).toBeNull();
    expect(findBaseline([], new Date("2025-02-03T09:30:00Z"))).toBeNull();
  });
});

describe("changePercent", () => {
  it("is (latest − baseline) / baseline in percent", () => {
    expect(changePercent(18, 9)).toBe(-50);
    expect(changePercent(18, 12)).toBeCloseTo(-33.333, 3);
    expect(changePercent(10, 12)).toBe(20);
    expect(changePercent(14, 14)).toBe(0);
  });

  it("is null when the baseline is 0 or a total is missing", () => {
    expect(changePercent(0, 0)).toBeNull();
    expect(changePercent(0, 4)).toBeNull();
    expect(changePercent(null, 4)).toBeNull();
    expect(changePercent(12, null)).toBeNull();
  });
});

describe("isResponse", () => {
  it("needs a reduction of at least 50 %", () => {
    expect(isResponse(18, 9)).toBe(true);
    expect(isResponse(18, 10)).toBe(false);
    expect(isResponse(19, 9)).toBe(true); // 52.6 %
    expect(isResponse(19, 10)).toBe(false); // 47.4 %
    expect(isResponse(32, 16)).toBe(true);
    expect(isResponse(32, 0)).toBe(true);
  });

  it("is false for a worsening, a zero baseline or a missing total", () => {
    expect(isResponse(12, 15)).toBe(false);
    expect(isResponse(0, 0)).toBe(false);
    expect(isResponse(null, 3)).toBe(false);
    expect(isResponse(12, null)).toBe(false);
  });

  it("gives the response line at half the baseline", () => {
    expect(responseLine(18)).toBe(9);
    expect(responseLine(19)).toBe(9.5);
  });
});

describe("isRemission", () => {
  it.each([
    ["PHQ-9", 4, true],
    ["PHQ-9", 5, false],
    ["GAD-7", 4, true],
    ["GAD-7", 5, false],
    ["MADRS", 10, true],
    ["MADRS", 11, false],
    ["QIDS-SR16", 5, true],
    ["QIDS-SR16", 6, false],
    ["PCL-5", 32, true],
    ["PCL-5", 33, false],
  ] as const)("%s total %i → %s", (code, total, expected) => {
    expect(isRemission(code, total)).toBe(expected);
  });

  it("is null where the instrument has no remission rule or no total", () => {
    expect(isRemission("CADSS", 0)).toBeNull();
    expect(isRemission("C-SSRS", null)).toBeNull();
    expect(isRemission("PHQ-9", null)).toBeNull();
  });
});
