import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { PatientForm } from "@/components/registry/patient-form";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { clinicDateKey } from "@/lib/format";
import { listActivePsychiatrists } from "@/lib/registry/demographics";

export const metadata: Metadata = { title: "Register patient" };

export default async function NewPatientPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/patients/new");
  const actor = { ...user, requestAddress: await requestAddress() };
  const psychiatrists = await listActivePsychiatrists(await getDb(), actor);
  return (
    <>
      <PageHeader
        title="Register patient"
        description="Intake registration: the patient starts at intake, before screening."
      />
      <PatientForm
        mode="create"
        psychiatrists={psychiatrists}
        // A psychiatrist registering a referral usually takes them on.
        defaultPsychiatristId={user.role === "psychiatrist" ? user.id : null}
        today={clinicDateKey(new Date(), config().clinicTimeZone)}
      />
    </>
  );
}
