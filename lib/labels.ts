/** Words a clinician reads for every enum value, typed so a new value cannot go unlabelled. */
import type { PatientStatus, Protocol, Role, SessionKind, SessionStatus } from "@/db/schema";

export const SESSION_KIND_LABEL: Readonly<Record<SessionKind, string>> = {
  intake: "Intake",
  preparation: "Preparation",
  dosing: "Dosing",
  integration: "Integration",
  follow_up: "Follow-up",
};

export const SESSION_STATUS_LABEL: Readonly<Record<SessionStatus, string>> = {
  scheduled: "Scheduled",
  checked_in: "Checked in",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export const PATIENT_STATUS_LABEL: Readonly<Record<PatientStatus, string>> = {
  intake: "Intake",
  screening: "Screening",
  active: "Active",
  maintenance: "Maintenance",
  completed: "Completed",
  discontinued: "Discontinued",
};

export const PROTOCOL_LABEL: Readonly<Record<Protocol, string>> = {
  iv_ketamine: "IV ketamine",
  im_ketamine: "IM ketamine",
  intranasal_esketamine: "Esketamine (intranasal)",
  sublingual_ketamine: "Sublingual ketamine",
};

/** What one dosing session of the protocol is called at the chair ("Infusion 3 of 6"). */
export const PROTOCOL_SESSION_NOUN: Readonly<Record<Protocol, string>> = {
  iv_ketamine: "Infusion",
  im_ketamine: "Injection",
  intranasal_esketamine: "Treatment",
  sublingual_ketamine: "Lozenge session",
};

export const ROLE_NAME: Readonly<Record<Role, string>> = {
  psychiatrist: "Psychiatrist",
  nurse: "Nurse",
  admin: "Admin",
};

/** Safety flags of CLINICAL.md as shown to the psychiatrist and the nurse on duty. */
export const SAFETY_FLAG_LABEL: Readonly<Record<string, string>> = {
  "suicidal-ideation": "Recent suicidal ideation",
  "suicide-risk": "Suicide risk (C-SSRS)",
};
