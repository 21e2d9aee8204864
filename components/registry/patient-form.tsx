"use client";

import { Save, UserPlus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { DuplicateWarning, type LikelyDuplicate } from "@/components/registry/duplicate-warning";
import { PatientFields, type PsychiatristChoice } from "@/components/registry/patient-fields";
import { sendJson } from "@/components/registry/send-json";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api/client";
import { paths } from "@/lib/paths";
import type {
  DemographicsUpdated,
  PatientDemographics,
  PatientRegistered,
} from "@/lib/registry/registration-schemas";

type Mode = "create" | "edit";

/**
 * The form's values as the API takes them. An empty optional field is left out when registering
 * and sent as null when editing, which clears it; an empty MRN is generated (or kept).
 */
function bodyFrom(form: FormData, mode: Mode): Record<string, unknown> {
  const text = (name: string): string => String(form.get(name) ?? "").trim();
  const empty = mode === "edit" ? null : undefined;
  const optional = (name: string): string | null | undefined => text(name) || empty;
  const weight = text("weightKg").replace(",", ".");
  const contactName = text("emergencyContactName");
  const contactPhone = text("emergencyContactPhone");
  return {
    firstName: text("firstName"),
    lastName: text("lastName"),
    dateOfBirth: text("dateOfBirth"),
    sex: text("sex"),
    mrn: text("mrn") || undefined,
    phone: optional("phone"),
    email: optional("email"),
    emergencyContact:
      contactName || contactPhone ? { name: contactName, phone: contactPhone || null } : empty,
    diagnosisCode: optional("diagnosisCode"),
    diagnosisLabel: optional("diagnosisLabel"),
    psychiatristId: optional("psychiatristId"),
    weightKg: weight === "" ? empty : Number(weight),
  };
}

function likelyDuplicateOf(
  error: ApiClientError,
  body: Record<string, unknown>,
): LikelyDuplicate | null {
  const mrn = error.fieldMessage("existingMrn");
  if (error.status !== 409 || !mrn) return null;
  return {
    mrn,
    patientId: error.fieldMessage("existingPatientId") ?? null,
    name: `${String(body.firstName)} ${String(body.lastName)}`,
    dateOfBirth: String(body.dateOfBirth),
  };
}

/** Registration at intake (`create`) and correction of demographics (`edit`): one form. */
export function PatientForm({
  mode,
  patient,
  psychiatrists,
  defaultPsychiatristId,
  today,
}: {
  mode: Mode;
  patient?: PatientDemographics;
  psychiatrists: PsychiatristChoice[];
  defaultPsychiatristId?: string | null;
  /** The clinic's date (YYYY-MM-DD): the latest date of birth the form offers. */
  today: string;
}): React.JSX.Element {
  const router = useRouter();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [duplicate, setDuplicate] = useState<LikelyDuplicate | null>(null);
  const [pendingBody, setPendingBody] = useState<Record<string, unknown> | null>(null);
  const [pending, setPending] = useState(false);

  async function save(body: Record<string, unknown>): Promise<void> {
    setPending(true);
    setError(null);
    setDuplicate(null);
    try {
      if (mode === "create") {
        const created = await sendJson<PatientRegistered>("/api/v1/patients", "POST", body);
        toast.success(`${created.firstName} ${created.lastName} registered — MRN ${created.mrn}`);
        router.push(paths.patient(created.id));
      } else if (patient) {
        const updated = await sendJson<DemographicsUpdated>(
          `/api/v1/patients/${patient.id}`,
          "PATCH",
          body,
        );
        toast.success(updated.changed.length > 0 ? "Demographics saved" : "Nothing was changed");
        router.push(paths.patient(patient.id));
        router.refresh();
      }
    } catch (e) {
      const failure =
        e instanceof ApiClientError
          ? e
          : new ApiClientError("The patient could not be saved.", 0, "client");
      const likely = mode === "create" ? likelyDuplicateOf(failure, body) : null;
      if (likely) {
        setDuplicate(likely);
        setPendingBody(body);
      } else {
        setError(failure);
      }
    } finally {
      setPending(false);
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await save(bodyFrom(new FormData(event.currentTarget), mode));
  }

  const cancelHref = patient ? paths.patient(patient.id) : paths.patients();
  const title = mode === "create" ? "Register patient" : "Edit demographics";

  return (
    <form
      onSubmit={onSubmit}
      aria-label={title}
      className="space-y-6 rounded-xl border bg-card p-4 shadow-xs md:p-6"
    >
      <PatientFields
        patient={patient}
        psychiatrists={psychiatrists}
        defaultPsychiatristId={defaultPsychiatristId ?? null}
        today={today}
        fieldError={(field) => error?.fieldMessage(field)}
        mode={mode}
      />
      {error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {/* A malformed entry is explained field by field; say where to look. */}
          {error.status === 400 && error.fields.length > 0
            ? "Some entries need correcting: see the messages above."
            : error.message}
        </p>
      ) : null}
      {duplicate && pendingBody ? (
        <DuplicateWarning
          duplicate={duplicate}
          pending={pending}
          onConfirm={() => save({ ...pendingBody, confirmDuplicate: true })}
          onCancel={() => setDuplicate(null)}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {mode === "create" ? <UserPlus aria-hidden="true" /> : <Save aria-hidden="true" />}
          {mode === "create" ? "Register patient" : "Save demographics"}
        </Button>
        <Button asChild variant="outline">
          <Link href={cancelHref}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
