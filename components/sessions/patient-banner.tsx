import { ShieldAlert, Syringe } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { SessionDetail } from "@/lib/api/session-schemas";
import { PROTOCOL_LABEL, PROTOCOL_SESSION_NOUN, SAFETY_FLAG_LABEL } from "@/lib/labels";

function orderText(order: NonNullable<SessionDetail["order"]>, weightKg: number | null): string {
  const mg = order.todayDoseMg !== null ? `${order.todayDoseMg} mg` : "dose not computable";
  if (order.drug === "esketamine")
    return `Esketamine ${mg} intranasal (${(order.todayDoseMg ?? 0) / 28} × 28 mg devices)`;
  const perKg = order.doseMgPerKg ?? order.todayMgPerKg;
  const route = order.route.toUpperCase();
  const infusion = order.infusionMinutes ? ` over ${order.infusionMinutes} min` : "";
  return `Ketamine ${mg} ${route}${infusion}${perKg !== null ? ` · ${perKg} mg/kg` : ""}${weightKg ? ` at ${weightKg} kg` : ""}`;
}

/** Who the patient is and what is ordered, always at the top of the session. */
export function PatientBanner({ detail }: { detail: SessionDetail }): React.JSX.Element {
  const { patient, course, order } = detail;
  const sessionTitle =
    course && detail.kind === "dosing"
      ? `${PROTOCOL_SESSION_NOUN[course.protocol]} ${detail.numberInCourse ?? "?"} of ${course.plannedSessions}`
      : null;
  return (
    <section
      aria-label="Patient"
      className="space-y-3 rounded-xl border bg-card p-4 shadow-xs wrap-anywhere"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{patient.name}</h1>
          <p className="text-sm text-muted-foreground">
            <span className="font-mono">{patient.mrn}</span> · {patient.ageYears} y · {patient.sex}{" "}
            · {patient.weightKg ? `${patient.weightKg} kg` : "weight not recorded"}
          </p>
          <p className="text-sm">
            <span className="font-mono text-xs text-muted-foreground">{patient.diagnosisCode}</span>{" "}
            {patient.diagnosisLabel}
          </p>
        </div>
        <div className="text-right text-sm">
          {sessionTitle ? <p className="font-semibold">{sessionTitle}</p> : null}
          {course ? (
            <p className="text-muted-foreground">
              {PROTOCOL_LABEL[course.protocol]} · {course.paradigm}
            </p>
          ) : null}
          <p className="text-muted-foreground">
            {detail.roomName ?? "No room"} · {detail.nurse ? `RN ${detail.nurse.name}` : "no nurse"}
            {detail.psychiatrist ? ` · ${detail.psychiatrist.name}` : ""}
          </p>
        </div>
      </div>
      {patient.safetyFlags.length > 0 ? (
        <div
          role="note"
          aria-label="Safety flags"
          className="flex flex-wrap gap-2 rounded-md border border-critical/40 bg-critical/10 p-2"
        >
          <ShieldAlert className="size-5 text-critical" aria-hidden="true" />
          {patient.safetyFlags.map((flag) => (
            <span key={flag.code + flag.detail} className="text-sm">
              <span className="font-semibold text-critical">
                {SAFETY_FLAG_LABEL[flag.code] ?? flag.code}
              </span>{" "}
              — {flag.detail}
            </span>
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {order ? (
          <span className="inline-flex items-center gap-2">
            <Syringe className="size-4 text-primary" aria-hidden="true" />
            <span>
              <span className="font-medium">Signed order:</span>{" "}
              {orderText(order, patient.weightKg)}
              <span className="text-muted-foreground"> · signed by {order.signedByName}</span>
            </span>
          </span>
        ) : detail.kind === "dosing" ? (
          <Badge variant="warning">No signed dose order</Badge>
        ) : null}
        {patient.screeningPositives.length > 0 ? (
          <span className="text-muted-foreground">
            Screening: {patient.screeningPositives.join("; ")}
          </span>
        ) : null}
      </div>
    </section>
  );
}
