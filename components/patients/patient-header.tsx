import { ShieldAlert } from "lucide-react";
import { PatientStatusBadge } from "@/components/sessions/status-badge";
import { ageOn, formatDate } from "@/lib/format";
import type { PatientHeader as Header } from "@/lib/patients/patient-record";
import type { SafetyFlag } from "@/lib/patients/safety-flags";
import { SAFETY_FLAG_LABEL } from "@/lib/labels";

export function PatientHeader({
  patient,
  flags,
  timeZone,
  actions,
}: {
  patient: Header;
  flags: SafetyFlag[];
  timeZone: string;
  actions?: React.ReactNode;
}): React.JSX.Element {
  const now = new Date();
  return (
    <section
      aria-label="Patient"
      className="space-y-3 rounded-xl border bg-card p-4 shadow-xs wrap-anywhere"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{patient.name}</h1>
            {actions}
          </div>
          <p className="text-sm text-muted-foreground">
            <span className="font-mono">{patient.mrn}</span> · {ageOn(patient.dateOfBirth, now)} y ·{" "}
            {patient.sex} · born {patient.dateOfBirth}
            {patient.weightKg ? ` · ${patient.weightKg} kg` : ""}
          </p>
          <p className="text-sm">
            <span className="font-mono text-xs text-muted-foreground">{patient.diagnosisCode}</span>{" "}
            {patient.diagnosisLabel}
          </p>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <PatientStatusBadge status={patient.status} />
          </dd>
          <dt className="text-muted-foreground">Psychiatrist</dt>
          <dd>{patient.psychiatristName ?? "Not assigned"}</dd>
          <dt className="text-muted-foreground">Consent</dt>
          <dd>
            {patient.consentOnFile ? `On file since ${patient.consentOnFile}` : "Not on file"}
          </dd>
          <dt className="text-muted-foreground">Screening</dt>
          <dd>
            {patient.screening
              ? `${patient.screening.checked} items checked ${formatDate(new Date(patient.screening.completedAt), timeZone)}`
              : "Not done"}
          </dd>
        </dl>
      </div>
      {flags.length > 0 ? (
        <div
          role="note"
          aria-label="Safety flags"
          className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border border-critical/40 bg-critical/10 p-2 text-sm"
        >
          <ShieldAlert className="size-5 text-critical" aria-hidden="true" />
          {flags.map((flag) => (
            <span key={flag.code + flag.detail}>
              <span className="font-semibold text-critical">
                {SAFETY_FLAG_LABEL[flag.code] ?? flag.code}
              </span>{" "}
              — {flag.detail}
            </span>
          ))}
        </div>
      ) : null}
      {patient.screening && patient.screening.positives.length > 0 ? (
        <p className="text-sm">
          <span className="font-medium">Screening positives:</span>{" "}
          {patient.screening.positives.join("; ")}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        {patient.phone ?? "No phone"} · {patient.email ?? "no email"} · Emergency contact:{" "}
        {patient.emergencyContact ?? "none recorded"}
      </p>
    </section>
  );
}
