/** Diagnoses on the demo caseload, with the conditions each protocol is used for. */
import type { Protocol } from "../schema";

export type DiagnosisFamily =
  "depression" | "bipolar" | "anxiety" | "ptsd" | "ocd" | "alcohol" | "pain";
export type Diagnosis = { code: string; label: string; family: DiagnosisFamily };
// ICD-10-CM codes and their official descriptions.
const DX = {
  mddRecurrentSevere: {
    code: "F33.2",
    label: "Major depressive disorder, recurrent severe without psychotic features",
    family: "depression",
  },
  mddRecurrentModerate: {
    code: "F33.1",
    label: "Major depressive disorder, recurrent, moderate",
    family: "depression",
  },
  mddSingleSevere: {
    code: "F32.2",
    label: "Major depressive disorder, single episode, severe without psychotic features",
    family: "depression",
  },
  bipolarDepressedSevere: {
    code: "F31.4",
    label: "Bipolar disorder, current episode depressed, severe, without psychotic features",
    family: "bipolar",
  },
  bipolarDepressedModerate: {
    code: "F31.32",
    label: "Bipolar disorder, current episode depressed, moderate",
    family: "bipolar",
  },
  gad: { code: "F41.1", label: "Generalized anxiety disorder", family: "anxiety" },
  ptsd: { code: "F43.10", label: "Post-traumatic stress disorder, unspecified", family: "ptsd" },
  ptsdChronic: { code: "F43.12", label: "Post-traumatic stress disorder, chronic", family: "ptsd" },
  ocd: { code: "F42.2", label: "Mixed obsessional thoughts and acts", family: "ocd" },
  alcohol: { code: "F10.20", label: "Alcohol dependence, uncomplicated", family: "alcohol" },
  chronicPain: { code: "G89.4", label: "Chronic pain syndrome", family: "pain" },
} as const satisfies Record<string, Diagnosis>;

// Esketamine is labelled for treatment-resistant depression only; racemic ketamine is used
// off-label across the other conditions CLINICAL.md lists.
export const DIAGNOSES_BY_PROTOCOL: Record<Protocol | "none", readonly Diagnosis[]> = {
  intranasal_esketamine: [
    DX.mddRecurrentSevere,
    DX.mddRecurrentSevere,
    DX.mddRecurrentModerate,
    DX.mddSingleSevere,
  ],
  iv_ketamine: [
    DX.mddRecurrentSevere,
    DX.mddRecurrentSevere,
    DX.mddRecurrentModerate,
    DX.mddSingleSevere,
    DX.bipolarDepressedSevere,
    DX.bipolarDepressedModerate,
    DX.ptsd,
    DX.ocd,
    DX.chronicPain,
    DX.gad,
  ],
  im_ketamine: [
    DX.ptsdChronic,
    DX.ptsd,
    DX.mddRecurrentSevere,
    DX.alcohol,
    DX.mddRecurrentModerate,
  ],
  sublingual_ketamine: [DX.ptsd, DX.gad, DX.mddRecurrentModerate, DX.alcohol, DX.ptsdChronic],
  none: [
    DX.mddRecurrentSevere,
    DX.mddRecurrentModerate,
    DX.ptsd,
    DX.gad,
    DX.bipolarDepressedModerate,
    DX.chronicPain,
  ],
};
