import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/sessions/print-button";
import { Card, CardContent } from "@/components/ui/card";
import type { VitalsRow } from "@/lib/api/session-schemas";
import { requirePage } from "@/lib/auth/current-user";
import { MOAAS_LABELS } from "@/lib/clinical/vitals";
import { config } from "@/lib/config";
import { formatLongDate, formatTime } from "@/lib/format";
import { sessionViewForPage } from "@/lib/sessions/session-page";
import { remsSummary } from "@/lib/sessions/rems-summary";

export const metadata: Metadata = { title: "REMS monitoring summary" };

export default async function RemsPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<React.JSX.Element> {
  const { id } = await params;
  const user = await requirePage("/sessions/[id]/rems", `/sessions/${id}/rems`);
  const view = await sessionViewForPage(user, id);
  if (view.access !== "clinical" || view.detail.course?.protocol !== "intranasal_esketamine")
    notFound();
  const detail = view.detail;
  const tz = config().clinicTimeZone;
  const summary = remsSummary(detail);
  const time = (iso: string): string => formatTime(new Date(iso), tz);
  const bp = (row: VitalsRow | null): string =>
    row
      ? `${row.systolic}/${row.diastolic} mmHg at ${time(row.takenAt)}${row.minutesFromDose !== null ? ` (${row.minutesFromDose} min)` : ""}`
      : "Not recorded";

  return (
    <div className="mx-auto max-w-3xl space-y-4 wrap-anywhere">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Esketamine REMS monitoring summary</h1>
          <p className="text-sm text-muted-foreground">
            {detail.patient.name} · {detail.patient.mrn} ·{" "}
            {formatLongDate(new Date(detail.scheduledStart), tz)}
          </p>
        </div>
        <PrintButton />
      </div>
      <Card>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[14rem_1fr]">
            <dt className="font-medium">Dose</dt>
            <dd>
              {detail.dose
                ? `${detail.dose.doseMg} mg intranasal esketamine, ${detail.dose.devices ?? "?"} × 28 mg devices, lot ${detail.dose.lot}, first device ${time(detail.dose.startedAt)}`
                : "No dose recorded"}
            </dd>
            <dt className="font-medium">Blood pressure before dosing</dt>
            <dd>{bp(summary.beforeDosing)}</dd>
            <dt className="font-medium">Blood pressure at about 40 minutes</dt>
            <dd>{bp(summary.atFortyMinutes)}</dd>
            <dt className="font-medium">Blood pressure before discharge</dt>
            <dd>{bp(summary.beforeDischarge)}</dd>
            <dt className="font-medium">Sedation checks (MOAA/S)</dt>
            <dd>
              {summary.sedationChecks.length === 0 ? (
                "None recorded"
              ) : (
                <ul>
                  {summary.sedationChecks.map((c) => (
                    <li key={c.takenAt}>
                      {time(c.takenAt)}
                      {c.minutesFromDose !== null
                        ? ` (${c.minutesFromDose} min)`
                        : " (pre-dose)"}: {c.moaas} — {MOAAS_LABELS[c.moaas]}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt className="font-medium">Dissociation (CADSS)</dt>
            <dd>
              {detail.dissociation.length === 0
                ? "None recorded"
                : detail.dissociation
                    .map((d) => `${d.total ?? "—"} / 92 at ${time(d.administeredAt)}`)
                    .join("; ")}
            </dd>
            <dt className="font-medium">Total monitoring time</dt>
            <dd>
              {summary.monitoringMinutes !== null
                ? `${summary.monitoringMinutes} minutes from first device`
                : "Monitoring in progress"}
            </dd>
            <dt className="font-medium">Ready to leave</dt>
            <dd>
              {summary.readyToLeaveAt
                ? `${time(summary.readyToLeaveAt)}, discharged by ${detail.dischargedByName ?? "—"}`
                : "Not yet discharged"}
            </dd>
            <dt className="font-medium">Adverse events</dt>
            <dd>
              {detail.adverseEvents.length === 0
                ? "None"
                : detail.adverseEvents
                    .map((a) => `${a.type} (${a.severity})${a.resolvedAt ? ", resolved" : ""}`)
                    .join("; ")}
            </dd>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
