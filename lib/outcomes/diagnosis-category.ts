/**
 * ICD-10-CM categories (the three characters before the dot) of the conditions a KAP clinic
 * treats, with their official category titles (CMS ICD-10-CM tabular list, FY2024).
 */
const CATEGORY_TITLE: Readonly<Record<string, string>> = {
  F10: "Alcohol related disorders",
  F11: "Opioid related disorders",
  F12: "Cannabis related disorders",
  F14: "Cocaine related disorders",
  F15: "Other stimulant related disorders",
  F19: "Other psychoactive substance related disorders",
  F31: "Bipolar disorder",
  F32: "Depressive episode",
  F33: "Major depressive disorder, recurrent",
  F34: "Persistent mood [affective] disorders",
  F40: "Phobic anxiety disorders",
  F41: "Other anxiety disorders",
  F42: "Obsessive-compulsive disorder",
  F43: "Reaction to severe stress, and adjustment disorders",
  F50: "Eating disorders",
  G89: "Pain, not elsewhere classified",
};

export type DiagnosisCategory = {
  /** "F33" */
  code: string;
  /** "F33 Major depressive disorder, recurrent" */
  label: string;
};

/**
 * The category a diagnosis code belongs to, for grouping outcomes. A category missing from the
 * table is still its own group, labelled with the code and the first diagnosis seen in it.
 */
export function diagnosisCategory(
  diagnosisCode: string,
  diagnosisLabel: string,
): DiagnosisCategory {
  const code = diagnosisCode.trim().toUpperCase().replace(".", "").slice(0, 3);
  const title = CATEGORY_TITLE[code];
  return { code, label: title ? `${code} ${title}` : `${code} ${diagnosisLabel}` };
}
