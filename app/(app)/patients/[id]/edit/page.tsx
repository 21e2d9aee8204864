import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { PatientForm } from "@/components/registry/patient-form";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { clinicDateKey } from "@/lib/format";
import { paths } from "@/lib/paths";
import { getPatientDemographics, listActivePsychiatrists } from "@/lib/registry/demographics";
import type { PatientDemographics } from "@/lib/registry/registration-schemas";

export const metadata: Metadata = { title: "Edit demographics" };

export default async function EditPatientPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<React.JSX.Element> {
  const { id } = await params;
  const user = await requirePage("/patients/[id]/edit", paths.editPatient(id));
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  let patient: PatientDemographics;
  try {
    patient = await getPatientDemographics(db, actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const active = await listActivePsychiatrists(db, actor);
  // A psychiatrist who has left stays on the record until someone else is assigned.
  const psychiatrists =
    patient.psychiatristId && !active.some((p) => p.id === patient.psychiatristId)
      ? [
          ...active,
          {
            id: patient.psychiatristId,
            name: `${patient.psychiatristName ?? "Former psychiatrist"} (inactive)`,
            title: null,
          },
        ]
      : active;
  return (
    <>
      <PageHeader
        title="Edit demographics"
        description={`${patient.firstName} ${patient.lastName} · MRN ${patient.mrn}`}
      />
      <PatientForm
        mode="edit"
        patient={patient}
        psychiatrists={psychiatrists}
        today={clinicDateKey(new Date(), config().clinicTimeZone)}
      />
    </>
  );
}
