import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { paths } from "@/lib/paths";
import { notFound } from "next/navigation";
import { AssessmentEntry } from "@/components/assessments/assessment-entry";
import { AssessmentHistory } from "@/components/assessments/assessment-history";
import { CourseChart } from "@/components/charts/course-chart";
import { DrawnInBrowser } from "@/components/layout/drawn-in-browser";
import { CourseTimeline } from "@/components/patients/course-timeline";
import { InstrumentSummary } from "@/components/patients/instrument-summary";
import { NotesPanel } from "@/components/patients/notes-panel";
import { PatientHeader } from "@/components/patients/patient-header";
import { TreatmentPlan } from "@/components/treatment-plan/treatment-plan";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { instrumentsRecordableBy } from "@/lib/assessments/assessment-schemas";
import { RECENT_ASSESSMENTS } from "@/lib/assessments/recent";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getPatientRecord, type PatientRecord } from "@/lib/patients/patient-record";

export const metadata: Metadata = { title: "Patient" };

function Section({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
  action?: React.ReactNode;
}): React.JSX.Element {
  return (
    <Card aria-labelledby={id} role="region" className="gap-3">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>
          <h2 id={id} className="text-lg">
            {title}
          </h2>
        </CardTitle>
        {action}
      </CardHeader>
      <CardContent className="space-y-4">{children}</CardContent>
    </Card>
  );
}

export default async function PatientPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<React.JSX.Element> {
  const { id } = await params;
  const user = await requirePage("/patients/[id]", `/patients/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  const timeZone = config().clinicTimeZone;
  let record: PatientRecord;
  try {
    record = await getPatientRecord(db, actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const { header, clinical } = record;
  const editLink = can(user.role, "patients:write") ? (
    <Button asChild variant="outline" size="sm">
      <Link href={paths.editPatient(id)}>
        <Pencil aria-hidden="true" />
        Edit demographics
      </Link>
    </Button>
  ) : null;
  if (!clinical) {
    // Minimum necessary: demographics and contact only.
    return <PatientHeader patient={header} flags={[]} timeZone={timeZone} actions={editLink} />;
  }

  const { flags, progress, timeline, assessments, notes, courses } = clinical;
  const recordable = instrumentsRecordableBy(user.role);

  return (
    <div className="space-y-4">
      <PatientHeader patient={header} flags={flags} timeZone={timeZone} actions={editLink} />
      <Section id="progress-title" title="Progress across the course">
        <CourseChart progress={progress} timeZone={timeZone} />
        <InstrumentSummary progress={progress} timeZone={timeZone} />
      </Section>
      <Section id="timeline-title" title="Course timeline">
        <DrawnInBrowser label="the course timeline" heightRem={2.45 * (timeline.length + 1)}>
          <CourseTimeline entries={timeline} timeZone={timeZone} />
        </DrawnInBrowser>
      </Section>
      <Section
        id="assessments-title"
        title="Assessments"
        action={
          recordable.length > 0 ? (
            <AssessmentEntry
              patientId={id}
              allowedInstruments={recordable}
              defaultInstrument={
                recordable.includes(progress.primaryInstrument)
                  ? progress.primaryInstrument
                  : undefined
              }
            />
          ) : undefined
        }
      >
        <DrawnInBrowser
          label="the assessments"
          heightRem={3.55 * (Math.min(assessments.length, RECENT_ASSESSMENTS) + 1)}
        >
          <AssessmentHistory
            patientId={id}
            recent={assessments.slice(0, RECENT_ASSESSMENTS)}
            total={assessments.length}
            timeZone={timeZone}
          />
        </DrawnInBrowser>
      </Section>
      <div className="grid gap-4 xl:grid-cols-2">
        {/* The treatment plan brings its own "Treatment plan" heading and region. */}
        <Card>
          <CardContent>
            <DrawnInBrowser label="the treatment plan" heightRem={12 + 14 * courses.length}>
              <TreatmentPlan
                patientId={id}
                courses={courses}
                weightKg={header.weightKg}
                canSign={can(user.role, "orders:sign")}
                timeZone={timeZone}
              />
            </DrawnInBrowser>
          </CardContent>
        </Card>
        <Section id="notes-title" title="Integration and progress notes">
          <DrawnInBrowser label="the notes" heightRem={Math.min(14 + 6 * notes.length, 48)}>
            <NotesPanel
              patientId={id}
              canWrite={can(user.role, "notes:write")}
              notes={notes.map((n) => ({
                ...n,
                createdLabel: formatDateTime(new Date(n.createdAt), timeZone),
              }))}
            />
          </DrawnInBrowser>
        </Section>
      </div>
    </div>
  );
}
