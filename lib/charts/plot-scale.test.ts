import { describe, expect, it } from "vitest";
import {
  inDomain,
  linePath,
  nearestIndex,
  percentLength,
  spreadLabels,
  xPercent,
  yPixels,
} from "@/lib/charts/plot-scale";

describe("xPercent", () => {
  it("places a value across the domain as 0–100", () => {
    expect(xPercent(0, [0, 200])).toBe(0);
    expect(xPercent(50, [0, 200])).toBe(25);
    expect(xPercent(200, [0, 200])).toBe(100);
    expect(xPercent(1_700_000_000_500, [1_700_000_000_000, 1_700_000_001_000])).toBe(50);
  });

  it("centres everything on a domain of one value instead of dividing by zero", () => {
    expect(xPercent(5, [5, 5])).toBe(50);
  });
});

describe("yPixels", () => {
  it("puts the bottom of the domain at the bottom of the plot", () => {
    expect(yPixels(0, [0, 27], 270)).toBe(270);
    expect(yPixels(27, [0, 27], 270)).toBe(0);
    expect(yPixels(13.5, [0, 27], 270)).toBe(135);
    expect(yPixels(95, [85, 100], 60)).toBe(20);
  });

  it("centres everything on a domain of one value", () => {
    expect(yPixels(3, [3, 3], 100)).toBe(50);
  });
});

describe("inDomain", () => {
  it("includes both ends and nothing outside", () => {
    expect(inDomain(0, [0, 27])).toBe(true);
    expect(inDomain(27, [0, 27])).toBe(true);
    expect(inDomain(27.5, [0, 27])).toBe(false);
    expect(inDomain(-1, [0, 27])).toBe(false);
  });
});

describe("percentLength", () => {
  it("writes an SVG percentage with at most two decimals", () => {
    expect(percentLength(37.5)).toBe("37.5%");
    expect(percentLength(100 / 3)).toBe("33.33%");
    expect(percentLength(0)).toBe("0%");
  });
});

describe("linePath", () => {
  it("moves to the first point and draws to the others", () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 50, y: 20.123 },
        { x: 100, y: 0 },
      ]),
    ).toBe("M0 10L50 20.12L100 0");
  });

  it("joins across a reading without the value, as the old chart did", () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 50, y: null },
        { x: 100, y: 30 },
      ]),
    ).toBe("M0 10L100 30");
    expect(
      linePath([
        { x: 10, y: null },
        { x: 20, y: 5 },
      ]),
    ).toBe("M20 5");
  });

  it("is empty without a point to draw", () => {
    expect(linePath([])).toBe("");
    expect(linePath([{ x: 0, y: null }])).toBe("");
    expect(linePath([{ x: Number.NaN, y: 3 }])).toBe("");
  });
});

describe("nearestIndex", () => {
  const xs = [0, 10, 20, 50];

  it("finds the point nearest the pointer", () => {
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 4)).toBe(0);
    expect(nearestIndex(xs, 6)).toBe(1);
    expect(nearestIndex(xs, 34)).toBe(2);
    expect(nearestIndex(xs, 36)).toBe(3);
    expect(nearestIndex(xs, 120)).toBe(3);
  });

  it("takes the earlier point on a tie and an exact hit as it is", () => {
    expect(nearestIndex(xs, 5)).toBe(0);
    expect(nearestIndex(xs, 20)).toBe(2);
  });

  it("answers -1 without points, and the only point when there is one", () => {
    expect(nearestIndex([], 10)).toBe(-1);
    expect(nearestIndex([42], 0)).toBe(0);
  });
});

describe("spreadLabels", () => {
  it("moves close labels down so they do not overlap, top to bottom", () => {
    const placed = spreadLabels(
      [
        { key: "remission", y: 200 },
        { key: "baseline", y: 100 },
        { key: "response", y: 195 },
      ],
      13,
    );
    expect(placed).toEqual([
      { key: "baseline", y: 100 },
      { key: "response", y: 195 },
      { key: "remission", y: 208 },
    ]);
  });

  it("leaves labels far enough apart where they are, without changing its input", () => {
    const labels = [
      { key: "a", y: 10 },
      { key: "b", y: 11 },
    ];
    expect(spreadLabels(labels, 13)).toEqual([
      { key: "a", y: 10 },
      { key: "b", y: 23 },
    ]);
    expect(labels[1]?.y).toBe(11);
    expect(spreadLabels([{ y: 5 }, { y: 50 }], 13)).toEqual([{ y: 5 }, { y: 50 }]);
  });
});
