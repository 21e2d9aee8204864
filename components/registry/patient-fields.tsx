"use client";

import { useState } from "react";
import { FormField } from "@/components/registry/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { COMMON_KAP_DIAGNOSES, diagnosisLabelFor, isIcd10Code } from "@/lib/registry/icd10";
import type { PatientDemographics } from "@/lib/registry/registration-schemas";
import {
  earliestDateOfBirth,
  SEX_LABEL,
  SEXES,
  WEIGHT_MAX_KG,
  WEIGHT_MIN_KG,
} from "@/lib/registry/registry-constants";

export type PsychiatristChoice = { id: string; name: string; title: string | null };

const DIAGNOSIS_LIST_ID = "common-kap-diagnoses";

function Section({
  legend,
  children,
}: {
  legend: string;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-base font-semibold">{legend}</legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/** The label a clinician typed, or empty when it is just the code's usual description. */
function ownLabel(patient: PatientDemographics | undefined): string {
  if (!patient?.diagnosisCode || !patient.diagnosisLabel) return "";
  return patient.diagnosisLabel === diagnosisLabelFor(patient.diagnosisCode)
    ? ""
    : patient.diagnosisLabel;
}

/** Every demographic field, each with a visible label; prefilled from `patient` when editing. */
export function PatientFields({
  mode,
  patient,
  psychiatrists,
  defaultPsychiatristId,
  today,
  fieldError,
}: {
  mode: "create" | "edit";
  patient: PatientDemographics | undefined;
  psychiatrists: PsychiatristChoice[];
  defaultPsychiatristId: string | null;
  today: string;
  fieldError: (field: string) => string | undefined;
}): React.JSX.Element {
  const [code, setCode] = useState(patient?.diagnosisCode ?? "");
  const codeHint =
    code.trim() === ""
      ? "Optional at intake. Type or pick a code, e.g. F33.2."
      : isIcd10Code(code)
        ? diagnosisLabelFor(code)
        : "Not an ICD-10 code yet: a letter, two characters, then a dot, e.g. F33.2.";

  return (
    <>
      <Section legend="Identity">
        <FormField id="firstName" label="First name" error={fieldError("firstName")}>
          {(a) => <Input {...a} required autoComplete="off" defaultValue={patient?.firstName} />}
        </FormField>
        <FormField id="lastName" label="Last name" error={fieldError("lastName")}>
          {(a) => <Input {...a} required autoComplete="off" defaultValue={patient?.lastName} />}
        </FormField>
        <FormField id="dateOfBirth" label="Date of birth" error={fieldError("dateOfBirth")}>
          {(a) => (
            <Input
              {...a}
              type="date"
              required
              min={earliestDateOfBirth(today)}
              max={today}
              defaultValue={patient?.dateOfBirth}
            />
          )}
        </FormField>
        <FormField
          id="sex"
          label="Sex"
          hint="Administrative sex, as on the patient's ID."
          error={fieldError("sex")}
        >
          {(a) => (
            <NativeSelect {...a} required defaultValue={patient?.sex ?? ""}>
              <option value="" disabled>
                Choose…
              </option>
              {SEXES.map((sex) => (
                <option key={sex} value={sex}>
                  {SEX_LABEL[sex]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField
          id="mrn"
          label="MRN"
          hint={mode === "create" ? "Generated if left empty." : "Medical record number."}
          error={fieldError("mrn")}
        >
          {(a) => (
            <Input
              {...a}
              autoComplete="off"
              required={mode === "edit"}
              placeholder={mode === "create" ? "KP-000000" : undefined}
              defaultValue={patient?.mrn}
              className="font-mono"
            />
          )}
        </FormField>
      </Section>

      <Section legend="Contact">
        <FormField id="phone" label="Phone" error={fieldError("phone")}>
          {(a) => (
            <Input {...a} type="tel" autoComplete="off" defaultValue={patient?.phone ?? ""} />
          )}
        </FormField>
        <FormField id="email" label="Email" error={fieldError("email")}>
          {(a) => (
            <Input {...a} type="email" autoComplete="off" defaultValue={patient?.email ?? ""} />
          )}
        </FormField>
        <FormField
          id="emergencyContactName"
          label="Emergency contact"
          hint="Name and relationship, e.g. Alex Whitfield (spouse)."
          error={fieldError("emergencyContact.name") ?? fieldError("emergencyContact")}
        >
          {(a) => (
            <Input {...a} autoComplete="off" defaultValue={patient?.emergencyContact?.name ?? ""} />
          )}
        </FormField>
        <FormField
          id="emergencyContactPhone"
          label="Emergency contact phone"
          error={fieldError("emergencyContact.phone")}
        >
          {(a) => (
            <Input
              {...a}
              type="tel"
              autoComplete="off"
              defaultValue={patient?.emergencyContact?.phone ?? ""}
            />
          )}
        </FormField>
      </Section>

      <Section legend="Referral">
        <FormField
          id="diagnosisCode"
          label="Diagnosis (ICD-10 code)"
          hint={codeHint}
          error={fieldError("diagnosisCode")}
        >
          {(a) => (
            <Input
              {...a}
              list={DIAGNOSIS_LIST_ID}
              autoComplete="off"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              className="font-mono"
            />
          )}
        </FormField>
        <datalist id={DIAGNOSIS_LIST_ID}>
          {COMMON_KAP_DIAGNOSES.map((d) => (
            <option key={d.code} value={d.code} label={`${d.code} ${d.label}`} />
          ))}
        </datalist>
        <FormField
          id="diagnosisLabel"
          label="Diagnosis description"
          hint="Optional: the code's description is used when left empty."
          error={fieldError("diagnosisLabel")}
        >
          {(a) => <Input {...a} autoComplete="off" defaultValue={ownLabel(patient)} />}
        </FormField>
        <FormField id="psychiatristId" label="Psychiatrist" error={fieldError("psychiatristId")}>
          {(a) => (
            <NativeSelect
              {...a}
              defaultValue={patient?.psychiatristId ?? defaultPsychiatristId ?? ""}
            >
              <option value="">Not assigned yet</option>
              {psychiatrists.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.title ? `, ${p.title}` : ""}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField
          id="weightKg"
          label="Weight (kg)"
          hint="For weight-based doses; can be recorded at screening."
          error={fieldError("weightKg")}
        >
          {(a) => (
            <Input
              {...a}
              type="number"
              inputMode="decimal"
              step={0.1}
              min={WEIGHT_MIN_KG}
              max={WEIGHT_MAX_KG}
              defaultValue={patient?.weightKg ?? ""}
            />
          )}
        </FormField>
      </Section>
    </>
  );
}
