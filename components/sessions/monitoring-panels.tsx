"use client";

import { CircleCheck, CircleX, Clock, OctagonAlert, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";
import { cn } from "@/lib/utils";

const TIMEPOINT_STYLE = {
  done: { label: "Done", icon: CircleCheck, className: "text-success" },
  due: { label: "Due now", icon: Clock, className: "text-primary font-semibold" },
  overdue: { label: "Overdue", icon: TriangleAlert, className: "text-critical font-semibold" },
  upcoming: { label: "Upcoming", icon: Clock, className: "text-muted-foreground" },
} as const;

export function TimepointList({
  detail,
  timeFormat,
}: {
  detail: SessionDetail;
  timeFormat: (iso: string) => string;
}): React.JSX.Element | null {
  if (detail.timepoints.length === 0) return null;
  return (
    <section aria-labelledby="timepoints-title" className="space-y-2">
      <h2 id="timepoints-title" className="text-base font-semibold">
        Vitals due
      </h2>
      <ul className="flex flex-wrap gap-2">
        {detail.timepoints.map((t) => {
          const style = TIMEPOINT_STYLE[t.status];
          const Icon = style.icon;
          return (
            <li
              key={t.label}
              className={cn(
                "inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-sm",
                t.status === "overdue" && "border-critical bg-critical/10",
                t.status === "due" && "border-primary bg-primary/10",
              )}
            >
              <Icon className={cn("size-4", style.className)} aria-hidden="true" />
              <span className="font-medium">{t.label}</span>
              {t.dueAt ? (
                <span className="text-muted-foreground tabular">{timeFormat(t.dueAt)}</span>
              ) : null}
              <span className={style.className}>{style.label}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function AlertsPanel({
  detail,
  canAct,
}: {
  detail: SessionDetail;
  canAct: boolean;
}): React.JSX.Element {
  const action = useSessionAction(detail.id);
  const open = detail.alerts.filter((a) => !a.acknowledgedAt);
  const closed = detail.alerts.filter((a) => a.acknowledgedAt);
  return (
    <section aria-labelledby="alerts-title" className="space-y-2">
      <h3 id="alerts-title" className="text-base font-semibold">
        Alerts {open.length > 0 ? <Badge variant="critical">{open.length} open</Badge> : null}
      </h3>
      {detail.alerts.length === 0 ? (
        <p className="text-sm text-muted-foreground">No alerts in this session.</p>
      ) : null}
      <ul className="space-y-2">
        {[...open, ...closed].map((a) => {
          const critical = a.level === "critical";
          return (
            <li
              key={a.id}
              className={cn(
                "flex flex-wrap items-center gap-2 rounded-md border p-2 text-sm",
                !a.acknowledgedAt &&
                  (critical ? "border-critical bg-critical/10" : "border-warning bg-warning/10"),
                a.acknowledgedAt && "text-muted-foreground",
              )}
            >
              {critical ? (
                <OctagonAlert className="size-4 text-critical" aria-hidden="true" />
              ) : (
                <TriangleAlert className="size-4 text-warning" aria-hidden="true" />
              )}
              <span className="font-semibold">{critical ? "Critical" : "Warning"}</span>
              <span className="font-mono text-xs">{a.code}</span>
              <span className="flex-1">{a.message}</span>
              {a.acknowledgedAt ? (
                <span className="text-xs">Acknowledged by {a.acknowledgedByName ?? "—"}</span>
              ) : canAct ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={action.pending}
                  onClick={() =>
                    void action.run({
                      path: `/alerts/${a.id}/acknowledge`,
                      success: "Alert acknowledged",
                    })
                  }
                >
                  Acknowledge
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ActionError error={action.error} />
    </section>
  );
}

export function DischargePanel({
  detail,
  canAct,
}: {
  detail: SessionDetail;
  canAct: boolean;
}): React.JSX.Element | null {
  const action = useSessionAction(detail.id);
  const [reason, setReason] = useState("");
  const readiness = detail.discharge;
  const dosing = detail.kind === "dosing";
  if (detail.status !== "in_progress") return null;
  const ready = !dosing || (readiness?.ready ?? false);
  return (
    <section aria-labelledby="discharge-title" className="space-y-3">
      <h2 id="discharge-title" className="text-lg font-semibold">
        Discharge
      </h2>
      {dosing && readiness ? (
        <ul aria-label="Discharge readiness" className="grid gap-1.5 md:grid-cols-2">
          {readiness.criteria.map((c) => (
            <li key={c.code} className="flex items-start gap-2 text-sm">
              {c.met ? (
                <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
              ) : (
                <CircleX className="mt-0.5 size-4 shrink-0 text-critical" aria-hidden="true" />
              )}
              <span>
                <span className="sr-only">{c.met ? "Met: " : "Not met: "}</span>
                {c.label} —{" "}
                <span className={cn("tabular", !c.met && "font-semibold")}>{c.value}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canAct ? (
        <form
          aria-label="Discharge"
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void action.run({
              path: "/discharge",
              body: ready ? {} : { overrideReason: reason },
              success: "Patient discharged — session completed",
            });
          }}
        >
          {!ready ? (
            <div className="grid gap-1.5">
              <Label htmlFor="discharge-reason">
                Reason to discharge although criteria are not met
              </Label>
              <textarea
                id="discharge-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="rounded-md border border-input bg-background px-3 py-2 text-base md:text-sm"
              />
            </div>
          ) : null}
          <ActionError error={action.error} />
          <Button type="submit" variant={ready ? "default" : "outline"} disabled={action.pending}>
            {ready ? "Discharge patient" : "Discharge with reason"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
