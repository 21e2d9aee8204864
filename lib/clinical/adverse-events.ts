/**
 * The adverse events a nurse picks from at the chair (CLINICAL.md). A plain list with no
 * dependencies: the bedside form imports it without pulling the API's schemas into the page.
 */
export const ADVERSE_EVENT_TYPES = [
  "nausea",
  "vomiting",
  "dizziness",
  "vertigo",
  "dissociation distress",
  "sedation",
  "somnolence",
  "headache",
  "elevated blood pressure",
  "tachycardia",
  "anxiety",
  "blurred vision",
  "other",
] as const;
