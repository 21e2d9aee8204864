import { describe, expect, it } from "vitest";
import { primaryInstrument } from "./primary-instrument";

describe("primaryInstrument", () => {
  it.each([
    ["F43.10", "PCL-5"],
    ["F43.11", "PCL-5"],
    ["F43.12", "PCL-5"],
    ["F43.1", "PCL-5"],
  ])("judges PTSD (%s) on the PCL-5", (code, expected) => {
    expect(primaryInstrument(code)).toBe(expected);
  });

  it.each([
    ["F41.1", "GAD-7"],
    ["F41.0", "GAD-7"],
    ["F41.9", "GAD-7"],
    ["F41", "GAD-7"],
  ])("judges an anxiety disorder (%s) on the GAD-7", (code, expected) => {
    expect(primaryInstrument(code)).toBe(expected);
  });

  it.each([
    ["F33.2", "PHQ-9"],
    ["F32.2", "PHQ-9"],
    ["F31.4", "PHQ-9"],
    ["F42.2", "PHQ-9"],
    ["F10.20", "PHQ-9"],
    ["G89.4", "PHQ-9"],
  ])("judges depressive and other diagnoses (%s) on the PHQ-9", (code, expected) => {
    expect(primaryInstrument(code)).toBe(expected);
  });

  it("keeps the PHQ-9 for stress reactions that are not PTSD", () => {
    expect(primaryInstrument("F43.0")).toBe("PHQ-9");
    expect(primaryInstrument("F43.20")).toBe("PHQ-9");
  });

  it("reads billing-style codes without the dot", () => {
    expect(primaryInstrument("F4312")).toBe("PCL-5");
    expect(primaryInstrument("F411")).toBe("GAD-7");
    expect(primaryInstrument("F332")).toBe("PHQ-9");
  });

  it("does not mistake neighbouring categories for anxiety or PTSD", () => {
    expect(primaryInstrument("F40.10")).toBe("PHQ-9");
    expect(primaryInstrument("F42.2")).toBe("PHQ-9");
    expect(primaryInstrument("F34.1")).toBe("PHQ-9");
  });

  it("reads codes typed in lower case or with spaces", () => {
    expect(primaryInstrument(" f43.12 ")).toBe("PCL-5");
    expect(primaryInstrument("f41.1")).toBe("GAD-7");
  });
});
