/**
 * The registry's named numbers and choices, free of server and database code so that the
 * registration form can use them as the server does.
 */
import type { Patient } from "@/db/schema";

/** Plausible adult and adolescent body weights; a value outside is a typing slip (lb for kg). */
export const WEIGHT_MIN_KG = 25;
export const WEIGHT_MAX_KG = 350;
/** The oldest date of birth the registry accepts, in years before today. */
export const MAX_AGE_YEARS = 120;

export type Sex = Patient["sex"];

/** FHIR administrative gender, in the order the form offers it. */
export const SEX_LABEL: Readonly<Record<Sex, string>> = {
  female: "Female",
  male: "Male",
  other: "Other",
  unknown: "Unknown",
};

export const SEXES = ["female", "male", "other", "unknown"] as const satisfies readonly Sex[];

/** The earliest date of birth accepted on `today` (both YYYY-MM-DD). */
export function earliestDateOfBirth(today: string): string {
  const year = String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, "0");
  return `${year}${today.slice(4)}`;
}
