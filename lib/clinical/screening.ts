/**
 * Screening questions of CLINICAL.md: esketamine label contraindications, label warnings and
 * common clinic screening choices. Each is recorded as checked, with the answer.
 */
export const SCREENING_ITEMS = [
  "aneurysmalVascularDisease",
  "arteriovenousMalformation",
  "intracerebralHaemorrhage",
  "hypersensitivity",
  "psychosisHistory",
  "substanceUseDisorderHistory",
  "pregnancyOrBreastfeeding",
  "cardiovascularDisease",
  "uncontrolledHypertension",
  "hypertensiveEncephalopathy",
  "cnsDepressants",
  "psychostimulants",
  "maois",
] as const;

export type ScreeningKey = (typeof SCREENING_ITEMS)[number];

export const SCREENING_LABEL: Readonly<Record<ScreeningKey, string>> = {
  aneurysmalVascularDisease: "Aneurysmal vascular disease",
  arteriovenousMalformation: "Arteriovenous malformation",
  intracerebralHaemorrhage: "History of intracerebral haemorrhage",
  hypersensitivity: "Hypersensitivity to ketamine or esketamine",
  psychosisHistory: "History of psychosis",
  substanceUseDisorderHistory: "History of substance use disorder",
  pregnancyOrBreastfeeding: "Pregnancy or breastfeeding",
  cardiovascularDisease: "Cardiovascular or cerebrovascular disease",
  uncontrolledHypertension: "Uncontrolled hypertension",
  hypertensiveEncephalopathy: "History of hypertensive encephalopathy",
  cnsDepressants: "Uses CNS depressants",
  psychostimulants: "Uses psychostimulants",
  maois: "Uses MAOIs",
};

export function isScreeningKey(value: string): value is ScreeningKey {
  return (SCREENING_ITEMS as readonly string[]).includes(value);
}
