/**
 * ICD-10-CM codes a ketamine clinic registers most often, with their official descriptions
 * (CMS ICD-10-CM tabular list, FY2024). Pure data and functions: the registration form offers
 * the codes as suggestions and the server labels a code with them.
 */

export type DiagnosisOption = { code: string; label: string };

export const COMMON_KAP_DIAGNOSES: readonly DiagnosisOption[] = [
  // Depressive episode (single episode).
  { code: "F32.0", label: "Major depressive disorder, single episode, mild" },
  { code: "F32.1", label: "Major depressive disorder, single episode, moderate" },
  {
    code: "F32.2",
    label: "Major depressive disorder, single episode, severe without psychotic features",
  },
  {
    code: "F32.3",
    label: "Major depressive disorder, single episode, severe with psychotic features",
  },
  { code: "F32.4", label: "Major depressive disorder, single episode, in partial remission" },
  { code: "F32.5", label: "Major depressive disorder, single episode, in full remission" },
  { code: "F32.9", label: "Major depressive disorder, single episode, unspecified" },
  { code: "F32.A", label: "Depression, unspecified" },
  // Major depressive disorder, recurrent: the usual treatment-resistant depression referral.
  { code: "F33.0", label: "Major depressive disorder, recurrent, mild" },
  { code: "F33.1", label: "Major depressive disorder, recurrent, moderate" },
  {
    code: "F33.2",
    label: "Major depressive disorder, recurrent severe without psychotic features",
  },
  {
    code: "F33.3",
    label: "Major depressive disorder, recurrent, severe with psychotic symptoms",
  },
  { code: "F33.40", label: "Major depressive disorder, recurrent, in remission, unspecified" },
  { code: "F33.41", label: "Major depressive disorder, recurrent, in partial remission" },
  { code: "F33.42", label: "Major depressive disorder, recurrent, in full remission" },
  { code: "F33.8", label: "Other recurrent depressive disorders" },
  { code: "F33.9", label: "Major depressive disorder, recurrent, unspecified" },
  // Bipolar depression.
  {
    code: "F31.30",
    label: "Bipolar disorder, current episode depressed, mild or moderate severity, unspecified",
  },
  { code: "F31.31", label: "Bipolar disorder, current episode depressed, mild" },
  { code: "F31.32", label: "Bipolar disorder, current episode depressed, moderate" },
  {
    code: "F31.4",
    label: "Bipolar disorder, current episode depressed, severe, without psychotic features",
  },
  {
    code: "F31.5",
    label: "Bipolar disorder, current episode depressed, severe, with psychotic features",
  },
  { code: "F31.81", label: "Bipolar II disorder" },
  { code: "F31.9", label: "Bipolar disorder, unspecified" },
  // Anxiety disorders.
  { code: "F41.0", label: "Panic disorder [episodic paroxysmal anxiety]" },
  { code: "F41.1", label: "Generalized anxiety disorder" },
  { code: "F41.8", label: "Other specified anxiety disorders" },
  { code: "F41.9", label: "Anxiety disorder, unspecified" },
  // Post-traumatic stress disorder.
  { code: "F43.10", label: "Post-traumatic stress disorder, unspecified" },
  { code: "F43.11", label: "Post-traumatic stress disorder, acute" },
  { code: "F43.12", label: "Post-traumatic stress disorder, chronic" },
  // Obsessive-compulsive disorder.
  { code: "F42.2", label: "Mixed obsessional thoughts and acts" },
  { code: "F42.3", label: "Hoarding disorder" },
  { code: "F42.4", label: "Excoriation (skin-picking) disorder" },
  { code: "F42.8", label: "Other obsessive-compulsive disorder" },
  { code: "F42.9", label: "Obsessive-compulsive disorder, unspecified" },
  // Substance dependence, uncomplicated (F10–F19 .20).
  { code: "F10.20", label: "Alcohol dependence, uncomplicated" },
  { code: "F11.20", label: "Opioid dependence, uncomplicated" },
  { code: "F12.20", label: "Cannabis dependence, uncomplicated" },
  { code: "F13.20", label: "Sedative, hypnotic or anxiolytic dependence, uncomplicated" },
  { code: "F14.20", label: "Cocaine dependence, uncomplicated" },
  { code: "F15.20", label: "Other stimulant dependence, uncomplicated" },
  { code: "F16.20", label: "Hallucinogen dependence, uncomplicated" },
  // Nicotine is the one F1x.20 category that needs a sixth character to be billable.
  { code: "F17.200", label: "Nicotine dependence, unspecified, uncomplicated" },
  { code: "F18.20", label: "Inhalant dependence, uncomplicated" },
  { code: "F19.20", label: "Other psychoactive substance dependence, uncomplicated" },
  // Chronic pain.
  { code: "G89.4", label: "Chronic pain syndrome" },
];

const LABEL_BY_CODE: ReadonlyMap<string, string> = new Map(
  COMMON_KAP_DIAGNOSES.map((d) => [d.code, d.label]),
);

/**
 * An ICD-10-CM code as written in a chart: a letter, two characters of category (the third may
 * be a letter, e.g. "U07"), then optionally a dot and one to four characters ("F32.A", "F17.200").
 */
export const ICD10_CODE_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/**
 * Uppercases and trims a code and writes a billing-style code without its dot the chart way
 * ("f332" → "F33.2"). Returns the text unchanged (trimmed, uppercased) when it is no code.
 */
export function normalizeIcd10(text: string): string {
  const code = text.trim().toUpperCase();
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(code)) return `${code.slice(0, 3)}.${code.slice(3)}`;
  return code;
}

export function isIcd10Code(text: string): boolean {
  return ICD10_CODE_PATTERN.test(normalizeIcd10(text));
}

/** The label of a code: from the table, or "ICD-10 <code>" for a valid code it does not hold. */
export function diagnosisLabelFor(code: string): string {
  const normalized = normalizeIcd10(code);
  return LABEL_BY_CODE.get(normalized) ?? `ICD-10 ${normalized}`;
}
