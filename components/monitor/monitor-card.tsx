import { Clock, OctagonAlert } from "lucide-react";
import Link from "next/link";
import { AlertLevelBadge } from "@/components/sessions/alert-level-badge";
import { formatTime } from "@/lib/format";
import { PROTOCOL_LABEL, SESSION_KIND_LABEL } from "@/lib/labels";
import type { ActiveSession, MonitorDose } from "@/lib/monitor/active-sessions";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/utils";
import { LatestVitals } from "./latest-vitals";

/** How many open alert messages a card lists before summarising the rest. */
const ALERTS_SHOWN = 2;

const ROUTE_LABEL: Readonly<Record<MonitorDose["route"], string>> = {
  iv: "IV",
  im: "IM",
  intranasal: "intranasal",
  sublingual: "sublingual",
};

function doseSummary(dose: MonitorDose): string {
  const drug = dose.drug === "esketamine" ? "Esketamine" : "Ketamine";
  return `${drug} ${dose.doseMg} mg ${ROUTE_LABEL[dose.route]}`;
}

/** One chair on the live board; a critical alert makes the whole card stand out. */
export function MonitorCard({
  session,
  timeZone,
}: {
  session: ActiveSession;
  timeZone: string;
}): React.JSX.Element {
  const critical = session.highestAlertLevel === "critical";
  const headingId = `monitor-${session.id}`;
  const hidden = session.openAlerts.length - ALERTS_SHOWN;
  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        "flex flex-col gap-4 rounded-xl border bg-card p-5 text-card-foreground shadow-sm",
        critical && "border-2 border-critical bg-critical/10 dark:bg-critical/15",
      )}
    >
      {critical ? (
        <p className="-mx-1 -mt-1 flex items-center gap-2 rounded-md bg-critical px-3 py-1.5 text-sm font-semibold text-critical-foreground">
          <OctagonAlert aria-hidden="true" className="size-4 shrink-0" />
          Critical alert open
        </p>
      ) : null}
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="truncate text-lg leading-tight font-semibold">
            <Link
              href={paths.session(session.id)}
              className="underline-offset-4 hover:underline focus-visible:underline"
            >
              {session.patient.name}
            </Link>
          </h2>
          <p className="mt-0.5 font-mono text-xs text-muted-foreground">{session.patient.mrn}</p>
        </div>
        <div className="max-w-1/2 shrink-0 text-right wrap-anywhere">
          <p className="text-sm font-semibold">{session.roomName ?? "No room"}</p>
          <p className="text-xs text-muted-foreground">
            {session.nurseName ? `RN ${session.nurseName}` : "No nurse assigned"}
          </p>
        </div>
      </header>

      <div className="flex items-end justify-between gap-4">
        <div>
          <p className="text-sm font-medium">
            {session.courseProgress ?? SESSION_KIND_LABEL[session.kind]}
          </p>
          <p className="text-xs text-muted-foreground">
            {session.protocol ? PROTOCOL_LABEL[session.protocol] : "No course"}
          </p>
          {session.dose ? (
            <p className="mt-1 text-xs text-muted-foreground">
              {doseSummary(session.dose)}
              <br />
              Dose started {formatTime(session.dose.startedAt, timeZone)}
            </p>
          ) : (
            <p className="mt-1 text-xs text-muted-foreground">No dose recorded yet</p>
          )}
        </div>
        <div className="shrink-0 text-right">
          <span
            aria-hidden="true"
            className="tabular block text-5xl leading-none font-semibold tracking-tight"
          >
            {session.minutesSinceDose ?? "—"}
          </span>
          <span aria-hidden="true" className="text-xs text-muted-foreground">
            min since dose
          </span>
          <span className="sr-only">{minutesLabel(session.minutesSinceDose)}</span>
        </div>
      </div>

      <LatestVitals vitals={session.latestVitals} timeZone={timeZone} />

      {session.overdueTimepoints.length > 0 || session.dueTimepoint ? (
        <p
          className={cn(
            "flex items-center gap-1.5 text-sm",
            session.overdueTimepoints.length > 0 ? "font-medium text-warning" : "text-foreground",
          )}
        >
          <Clock aria-hidden="true" className="size-4 shrink-0" />
          {session.overdueTimepoints.length > 0
            ? `Vitals overdue: ${session.overdueTimepoints.join(", ")}`
            : `Vitals due now: ${session.dueTimepoint ?? ""}`}
        </p>
      ) : null}

      <div className="mt-auto border-t pt-3">
        {session.highestAlertLevel ? (
          <div className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <AlertLevelBadge level={session.highestAlertLevel} />
              <span className="text-xs text-muted-foreground">
                {session.openAlerts.length === 1
                  ? "1 open alert"
                  : `${session.openAlerts.length} open alerts`}
              </span>
            </div>
            <ul className="space-y-1 text-sm">
              {session.openAlerts.slice(0, ALERTS_SHOWN).map((alert) => (
                <li key={alert.id} className="leading-snug">
                  <span className="text-muted-foreground tabular">
                    {formatTime(alert.raisedAt, timeZone)}
                  </span>{" "}
                  {alert.message}
                </li>
              ))}
            </ul>
            {hidden > 0 ? (
              <p className="text-xs text-muted-foreground">
                {hidden === 1 ? "1 more alert" : `${hidden} more alerts`} on the session page
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">No open alerts</p>
        )}
      </div>
    </article>
  );
}

function minutesLabel(minutes: number | null): string {
  if (minutes === null) return "No dose recorded yet";
  return minutes === 1 ? "1 minute since dose" : `${minutes} minutes since dose`;
}
