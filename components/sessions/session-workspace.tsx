"use client";

import { FileText } from "lucide-react";
import dynamic from "next/dynamic";
import { SessionVitalsChart } from "@/components/charts/session-vitals-chart";
import { SectionBoundary } from "@/components/layout/section-boundary";
import { AmendVitalsButton } from "@/components/sessions/amend-vitals-button";
import { LiveSessionRefresh, useLiveSession } from "@/components/sessions/live-session";
import { AdverseEvents, CadssEntry, InfusionEnd } from "@/components/sessions/event-forms";
import {
  AlertsPanel,
  DischargePanel,
  TimepointList,
} from "@/components/sessions/monitoring-panels";
import { PatientBanner } from "@/components/sessions/patient-banner";
import { StageStepper } from "@/components/sessions/stage-stepper";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import { VitalsEntry } from "@/components/sessions/vitals-entry";
import { VitalsTable } from "@/components/sessions/vitals-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import type { SessionDetail } from "@/lib/api/session-schemas";
import { formatTime } from "@/lib/format";

// Each stage's own form is loaded only when the session is at that stage: a session in
// progress (where the nurse records vitals) carries none of the check-in, dose or pre-dose code.
const CheckInForm = dynamic(() =>
  import("@/components/sessions/check-in-form").then((m) => m.CheckInForm),
);
const DoseForm = dynamic(() => import("@/components/sessions/dose-form").then((m) => m.DoseForm));
const PreDoseGuidance = dynamic(() =>
  import("@/components/sessions/pre-dose-panel").then((m) => m.PreDoseGuidance),
);

export type WorkspaceViewer = {
  id: string;
  role: "psychiatrist" | "nurse";
  canReviewPreDose: boolean;
};

export function SessionWorkspace({
  initial,
  viewer,
  timeZone,
}: {
  initial: SessionDetail;
  viewer: WorkspaceViewer;
  timeZone: string;
}): React.JSX.Element {
  const { detail, refresh } = useLiveSession(initial);
  const time = (iso: string): string => formatTime(new Date(iso), timeZone);
  const dosing = detail.kind === "dosing";
  const active = detail.status === "checked_in" || detail.status === "in_progress";
  const canAmend = (recordedBy: string): boolean =>
    viewer.role === "psychiatrist" || recordedBy === viewer.id;

  return (
    <LiveSessionRefresh refresh={refresh}>
      <div className="space-y-4">
        <PatientBanner detail={detail} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <StageStepper stage={detail.stage} dosing={dosing} />
          <div className="flex items-center gap-2 text-sm text-muted-foreground">
            <SessionStatusBadge status={detail.status} />
            <span className="tabular">
              {time(detail.scheduledStart)}–{time(detail.scheduledEnd)}
            </span>
            {detail.course?.protocol === "intranasal_esketamine" && detail.dose ? (
              <Button asChild size="sm" variant="outline">
                {/* A plain link: the printable summary is a page of its own, and the
                    client-side router's link would be loaded by the bedside page for it alone. */}
                <a href={`/sessions/${detail.id}/rems`}>
                  <FileText aria-hidden="true" />
                  REMS summary
                </a>
              </Button>
            ) : null}
          </div>
        </div>

        {detail.stage === "check-in" && detail.status === "scheduled" ? (
          <Card>
            <CardContent>
              <CheckInForm detail={detail} />
            </CardContent>
          </Card>
        ) : null}

        {dosing && detail.stage === "dose" ? (
          <Card>
            <CardContent>
              <DoseForm detail={detail} />
            </CardContent>
          </Card>
        ) : null}

        {dosing && detail.status === "checked_in" ? (
          <Card>
            <CardContent className="space-y-4">
              <h2 className="text-lg font-semibold">Pre-dose check</h2>
              {detail.checkIn && !detail.checkIn.rideHomeConfirmed ? (
                <p className="text-sm font-medium text-warning">
                  Ride home not confirmed at check-in.
                </p>
              ) : null}
              <VitalsEntry
                sessionId={detail.id}
                title="Baseline vitals"
                hint={
                  detail.preDose.baseline
                    ? `Baseline ${detail.preDose.baseline.systolic}/${detail.preDose.baseline.diastolic} at ${time(detail.preDose.baseline.takenAt)}`
                    : "Before the dose"
                }
              />
              <PreDoseGuidance detail={detail} canReview={viewer.canReviewPreDose} />
            </CardContent>
          </Card>
        ) : null}

        {detail.status === "in_progress" ? (
          <Card>
            <CardContent className="space-y-5">
              {detail.dose ? (
                <p className="text-sm wrap-anywhere">
                  <span className="font-medium">Dose given:</span> {detail.dose.doseMg} mg{" "}
                  {detail.dose.route.toUpperCase()}
                  {detail.dose.doseMgPerKg !== null ? ` (${detail.dose.doseMgPerKg} mg/kg)` : ""}
                  {detail.dose.devices ? ` · ${detail.dose.devices} devices` : ""} · lot{" "}
                  {detail.dose.lot} · started {time(detail.dose.startedAt)}
                  {detail.dose.endedAt ? `, ended ${time(detail.dose.endedAt)}` : ""} by{" "}
                  {detail.dose.givenByName}
                  {detail.dose.deviatesFromOrder ? (
                    <span className="font-semibold text-warning">
                      {" "}
                      · differs from order: {detail.dose.deviationReason}
                    </span>
                  ) : null}
                </p>
              ) : null}
              <InfusionEnd detail={detail} />
              <TimepointList detail={detail} timeFormat={time} />
              <VitalsEntry sessionId={detail.id} title="Record vitals" />
            </CardContent>
          </Card>
        ) : null}

        {detail.vitals.length > 0 ? (
          <Card>
            <CardContent className="space-y-4">
              <h2 className="text-lg font-semibold">Vitals</h2>
              <div className="grid gap-4">
                <SectionBoundary
                  fallback={
                    <p
                      role="status"
                      className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground"
                    >
                      The chart could not be drawn. Every reading is in the table below.
                    </p>
                  }
                >
                  <SessionVitalsChart
                    rows={detail.vitals}
                    baseline={detail.preDose.baseline}
                    doseStartedAt={detail.dose?.startedAt ?? null}
                  />
                </SectionBoundary>
                <VitalsTable
                  rows={detail.vitals}
                  timeZone={timeZone}
                  renderActions={
                    active || detail.status === "completed"
                      ? (row) =>
                          row.supersededBy === null && canAmend(row.recordedBy) ? (
                            <AmendVitalsButton sessionId={detail.id} row={row} />
                          ) : null
                      : undefined
                  }
                />
              </div>
            </CardContent>
          </Card>
        ) : null}

        {detail.status !== "scheduled" ? (
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <CardContent>
                <AlertsPanel detail={detail} canAct={active} />
              </CardContent>
            </Card>
            <Card>
              <CardContent className="space-y-5">
                <AdverseEvents
                  detail={detail}
                  canAct={detail.status !== "cancelled" && detail.status !== "no_show"}
                  timeFormat={time}
                />
                {dosing && (detail.status === "in_progress" || detail.status === "completed") ? (
                  <CadssEntry detail={detail} />
                ) : null}
              </CardContent>
            </Card>
          </div>
        ) : null}

        {detail.status === "in_progress" ? (
          <Card>
            <CardContent>
              <DischargePanel detail={detail} canAct />
            </CardContent>
          </Card>
        ) : null}

        {detail.status === "completed" ? (
          <Card>
            <CardContent className="text-sm wrap-anywhere">
              Discharged {detail.completedAt ? time(detail.completedAt) : ""} by{" "}
              {detail.dischargedByName ?? "—"}
              {detail.dischargeOverrideReason
                ? ` — criteria overridden: ${detail.dischargeOverrideReason}`
                : ""}
              .
            </CardContent>
          </Card>
        ) : null}
      </div>
    </LiveSessionRefresh>
  );
}
