import type { InstrumentCode } from "./instruments";

/** The instruments that can be a patient's primary outcome measure. */
export type PrimaryInstrument = Extract<InstrumentCode, "PHQ-9" | "PCL-5" | "GAD-7">;

// ICD-10 F43.1x is post-traumatic stress disorder (F43.10 unspecified, F43.11 acute, F43.12
// chronic); F41.x is "other anxiety disorders" (F41.1 generalized anxiety disorder, F41.0 panic
// disorder …). The rest of the F43 category (acute stress reaction, adjustment disorders) is not
// PTSD and keeps the PHQ-9.
// Codes are compared without the dot, so billing-style codes ("F4312") read the same.
export const PRIMARY_INSTRUMENT_RULES: {
  readonly rules: readonly { codePrefix: string; instrument: PrimaryInstrument }[];
  readonly otherwise: PrimaryInstrument;
} = Object.freeze({
  rules: Object.freeze<{ codePrefix: string; instrument: PrimaryInstrument }[]>([
    { codePrefix: "F431", instrument: "PCL-5" },
    { codePrefix: "F41", instrument: "GAD-7" },
  ]),
  otherwise: "PHQ-9",
});

/**
 * The scale a patient's course is judged on: PCL-5 for PTSD, GAD-7 for anxiety disorders, and
 * the PHQ-9 for depressive and every other diagnosis (depression is the usual target of ketamine
 * treatment, and every patient completes a PHQ-9 at each dosing session).
 */
export function primaryInstrument(diagnosisCode: string): PrimaryInstrument {
  const code = diagnosisCode.trim().toUpperCase().replace(".", "");
  // The patient list's summaries are worked out in SQL from the same rules (db/patient-summaries).
  return (
    PRIMARY_INSTRUMENT_RULES.rules.find((rule) => code.startsWith(rule.codePrefix))?.instrument ??
    PRIMARY_INSTRUMENT_RULES.otherwise
  );
}

/** Every instrument `primaryInstrument` can return, for queries that load them all at once. */
export const PRIMARY_INSTRUMENTS: readonly PrimaryInstrument[] = Object.freeze([
  "PHQ-9",
  "PCL-5",
  "GAD-7",
]);
