import { describe, expect, it } from "vitest";
import {
  COMMON_KAP_DIAGNOSES,
  diagnosisLabelFor,
  isIcd10Code,
  normalizeIcd10,
} from "@/lib/registry/icd10";

describe("ICD-10-CM codes at registration", () => {
  it.each(["F33.2", "F32.A", "F43.10", "F17.200", "G89.4", "F41.1", "U07.1", "F33"])(
    "accepts %s",
    (code) => {
      expect(isIcd10Code(code)).toBe(true);
    },
  );

  it.each(["F33-2", "33.2", "F3.2", "F33.", "F33.12345", "depression", "", "FF3.2"])(
    "refuses %s",
    (code) => {
      expect(isIcd10Code(code)).toBe(false);
    },
  );

  it("writes billing-style and lower-case codes the chart way", () => {
    expect(normalizeIcd10(" f332 ")).toBe("F33.2");
    expect(normalizeIcd10("F4310")).toBe("F43.10");
    expect(normalizeIcd10("f33.2")).toBe("F33.2");
    expect(normalizeIcd10("F33")).toBe("F33");
  });

  it("labels a listed code with its official description, others with the code", () => {
    expect(diagnosisLabelFor("F33.2")).toBe(
      "Major depressive disorder, recurrent severe without psychotic features",
    );
    expect(diagnosisLabelFor("g894")).toBe("Chronic pain syndrome");
    expect(diagnosisLabelFor("F34.1")).toBe("ICD-10 F34.1");
  });

  it("lists every family a KAP clinic registers, each code valid and once", () => {
    const codes = COMMON_KAP_DIAGNOSES.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every(isIcd10Code)).toBe(true);
    for (const prefix of [
      "F32.",
      "F33.",
      "F31.",
      "F41.",
      "F43.1",
      "F42.",
      "F10.20",
      "F19.20",
      "G89.4",
    ]) {
      expect(codes.some((c) => c.startsWith(prefix))).toBe(true);
    }
  });
});
