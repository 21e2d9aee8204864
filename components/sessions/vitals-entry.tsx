"use client";

import { CloudOff, Loader2, OctagonAlert, Save, TriangleAlert, X } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "@/components/ui/toast";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useBedsideQueue } from "@/components/sessions/use-bedside-queue";
import { readVitals, VitalsFields, type FieldErrors } from "@/components/sessions/vitals-fields";
import type { VitalsCreated } from "@/lib/api/session-schemas";

/**
 * Keyboard-first vitals entry: Enter saves, focus returns to Systolic. Each entry is kept in
 * the browser with its idempotency key until the server has it, so nothing is lost when the
 * Wi-Fi drops; minutes from dose are derived by the server from the time taken.
 */
export function VitalsEntry({
  sessionId,
  title,
  hint,
}: {
  sessionId: string;
  title: string;
  hint?: string;
}): React.JSX.Element {
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [lastAlerts, setLastAlerts] = useState<VitalsCreated["alerts"]>([]);
  const queue = useBedsideQueue(sessionId, (result) => {
    setLastAlerts(result.alerts);
    if (result.alerts.length > 0) {
      toast.warning(
        `${result.alerts.length === 1 ? "Alert" : "Alerts"}: ${result.alerts.map((a) => a.message).join(" · ")}`,
      );
    }
  });
  const pending = queue.pending.filter((e) => e.sessionId === sessionId);
  const idPrefix = `vitals-${sessionId.slice(0, 8)}`;

  function onSubmit(event: React.FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const form = event.currentTarget;
    const { body, errors: found } = readVitals(form, idPrefix);
    setErrors(found);
    if (!body) {
      const first = Object.keys(found)[0];
      const el = first ? form.elements.namedItem(`${idPrefix}-${first}`) : null;
      if (el instanceof HTMLInputElement) el.focus();
      return;
    }
    // The time taken is fixed now, at the chair, even if the entry is sent much later.
    queue.submitVitals({ ...body, takenAt: new Date().toISOString() });
    form.reset();
    setLastAlerts([]);
    firstRef.current?.focus();
  }

  return (
    <section aria-labelledby={`${idPrefix}-title`} className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${idPrefix}-title`} className="text-base font-semibold">
          {title}
        </h3>
        {hint ? <p className="text-sm text-muted-foreground">{hint}</p> : null}
      </div>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={title} className="space-y-3">
        <VitalsFields idPrefix={idPrefix} errors={errors} firstFieldRef={firstRef} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">
            <Save aria-hidden="true" />
            Save vitals
          </Button>
          <span className="text-xs text-muted-foreground">
            Enter saves · blood pressure and heart rate required
          </span>
          {!queue.online ? (
            <span
              role="status"
              className="inline-flex items-center gap-1 text-sm font-medium text-warning"
            >
              <CloudOff className="size-4" aria-hidden="true" />
              Offline — entries are kept on this tablet
            </span>
          ) : null}
        </div>
      </form>

      {lastAlerts.length > 0 ? (
        <Alert
          variant={lastAlerts.some((a) => a.level === "critical") ? "destructive" : "warning"}
          role="status"
        >
          {lastAlerts.some((a) => a.level === "critical") ? (
            <OctagonAlert aria-hidden="true" />
          ) : (
            <TriangleAlert aria-hidden="true" />
          )}
          <AlertTitle>Alert fired on the last reading</AlertTitle>
          <AlertDescription>
            <ul className="list-disc pl-4">
              {lastAlerts.map((a) => (
                <li key={a.code}>
                  <span className="font-medium">
                    {a.level === "critical" ? "Critical" : "Warning"}
                  </span>{" "}
                  ({a.code}): {a.message}
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}

      {pending.length > 0 ? (
        <div
          role="region"
          aria-label="Entries not yet saved"
          className="rounded-md border border-dashed p-3"
        >
          <p className="mb-2 text-sm font-medium">Not yet saved to Kapstone</p>
          <ul className="space-y-2">
            {pending.map((entry) => (
              <li key={entry.key} className="flex flex-wrap items-center gap-2 text-sm">
                {entry.state === "rejected" ? (
                  <TriangleAlert className="size-4 text-destructive" aria-hidden="true" />
                ) : (
                  <Loader2
                    className="size-4 animate-spin text-muted-foreground"
                    aria-hidden="true"
                  />
                )}
                <span className="tabular font-medium">
                  {entry.body.systolic}/{entry.body.diastolic} mmHg · HR {entry.body.heartRate}
                </span>
                <span className="text-muted-foreground">
                  {entry.state === "rejected"
                    ? `Refused: ${entry.error?.message ?? "not accepted"}`
                    : "Pending — will be sent when the connection allows"}
                </span>
                {entry.state === "rejected" ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => queue.discard(entry.key)}
                  >
                    <X aria-hidden="true" />
                    Discard
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
