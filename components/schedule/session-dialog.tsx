"use client";

import { CalendarClock, CalendarX2, ExternalLink, UserX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { SessionStatusBadge } from "@/components/sessions/status-badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { MIN_REASON_LENGTH } from "@/components/schedule/conflict-list";
import { RescheduleForm } from "@/components/schedule/reschedule-form";
import {
  acceptedSchema,
  problemMessage,
  scheduleRequest,
} from "@/components/schedule/schedule-api";
import { useSchedule } from "@/components/schedule/schedule-context";
import { sessionLabel } from "@/components/schedule/session-label";
import { formatLongDate, formatTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { PROTOCOL_LABEL, SESSION_KIND_LABEL, SESSION_STATUS_LABEL } from "@/lib/labels";
import type { AgendaRow } from "@/lib/sessions/agenda";

type Mode = "details" | "reschedule" | "cancel" | "no-show";

const TITLE: Record<Mode, string> = {
  details: "Session",
  reschedule: "Reschedule",
  cancel: "Cancel session",
  "no-show": "Mark no-show",
};

function ReasonForm({
  row,
  action,
  onDone,
  onBack,
}: {
  row: AgendaRow;
  action: "cancel" | "no-show";
  onDone: () => void;
  onBack: () => void;
}): React.JSX.Element {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const cancel = action === "cancel";

  async function submit(): Promise<void> {
    setPending(true);
    setProblem(null);
    try {
      const text = reason.trim();
      await scheduleRequest(`/api/v1/sessions/${row.id}/${action}`, acceptedSchema, {
        method: "POST",
        body: cancel ? { reason: text } : text ? { reason: text } : {},
      });
      toast.success(
        cancel ? `Session for ${row.patientName} cancelled` : `${row.patientName} marked no-show`,
      );
      onDone();
      router.refresh();
    } catch (error) {
      setProblem(problemMessage(error, "That did not work. Try again."));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      aria-label={TITLE[action]}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Label htmlFor="session-reason">{cancel ? "Reason (required)" : "Reason (optional)"}</Label>
      <textarea
        id="session-reason"
        rows={3}
        maxLength={500}
        required={cancel}
        minLength={cancel ? MIN_REASON_LENGTH : undefined}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={cancel ? "For example: patient asked to move to next week" : ""}
        className="w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm"
      />
      {problem ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="outline" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button
          type="submit"
          variant={cancel ? "destructive" : "default"}
          disabled={pending || (cancel && reason.trim().length < MIN_REASON_LENGTH)}
        >
          {cancel ? <CalendarX2 aria-hidden="true" /> : <UserX aria-hidden="true" />}
          {cancel ? "Cancel session" : "Mark no-show"}
        </Button>
      </div>
    </form>
  );
}

function Details({ row, timeZone }: { row: AgendaRow; timeZone: string }): React.JSX.Element {
  return (
    <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-sm">
      <dt className="text-muted-foreground">When</dt>
      <dd>
        {formatLongDate(row.scheduledStart, timeZone)}
        <br />
        <span className="tabular">
          {formatTime(row.scheduledStart, timeZone)}–{formatTime(row.scheduledEnd, timeZone)}
        </span>
      </dd>
      <dt className="text-muted-foreground">Patient</dt>
      <dd>
        {row.patientName} <span className="font-mono text-xs text-muted-foreground">{row.mrn}</span>
      </dd>
      <dt className="text-muted-foreground">Session</dt>
      <dd>
        {sessionLabel(row)}
        {row.protocol ? (
          <span className="text-muted-foreground"> · {PROTOCOL_LABEL[row.protocol]}</span>
        ) : null}
      </dd>
      <dt className="text-muted-foreground">Room</dt>
      <dd>{row.roomName ?? "No room"}</dd>
      <dt className="text-muted-foreground">Psychiatrist</dt>
      <dd>{row.psychiatristName ?? "None"}</dd>
      <dt className="text-muted-foreground">Nurse</dt>
      <dd>{row.nurseName ?? "None"}</dd>
      <dt className="text-muted-foreground">Status</dt>
      <dd>
        <SessionStatusBadge status={row.status} />
      </dd>
    </dl>
  );
}

/** One session from the calendar: its details and the front desk's actions on it. */
export function SessionDialog({
  row,
  onClose,
}: {
  row: AgendaRow;
  onClose: () => void;
}): React.JSX.Element {
  const { settings } = useSchedule();
  const [mode, setMode] = useState<Mode>("details");
  const movable = row.status === "scheduled";
  // A checked-in patient may still leave before the session starts.
  const cancellable = row.status === "scheduled" || row.status === "checked_in";
  const back = (): void => setMode("details");

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className={mode === "reschedule" ? "sm:max-w-2xl" : "sm:max-w-lg"}>
        <DialogHeader>
          <DialogTitle>
            {mode === "details"
              ? `${SESSION_KIND_LABEL[row.kind]} — ${row.patientName}`
              : TITLE[mode]}
          </DialogTitle>
          <DialogDescription>
            {mode === "details"
              ? "Times are clinic time."
              : `${sessionLabel(row)} for ${row.patientName}, ${formatLongDate(row.scheduledStart, settings.timeZone)} at ${formatTime(row.scheduledStart, settings.timeZone)}`}
          </DialogDescription>
        </DialogHeader>
        {mode === "details" ? (
          <>
            <Details row={row} timeZone={settings.timeZone} />
            {settings.canManage && !cancellable ? (
              <p className="text-sm text-muted-foreground">
                A session that is {SESSION_STATUS_LABEL[row.status].toLowerCase()} can no longer be
                moved or cancelled.
              </p>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              {settings.showSessionLink ? (
                <Button asChild variant="outline">
                  <Link href={paths.session(row.id)}>
                    <ExternalLink aria-hidden="true" />
                    Open session
                  </Link>
                </Button>
              ) : null}
              {settings.canManage && movable ? (
                <>
                  <Button variant="outline" onClick={() => setMode("no-show")}>
                    <UserX aria-hidden="true" />
                    Mark no-show
                  </Button>
                  <Button variant="outline" onClick={() => setMode("cancel")}>
                    <CalendarX2 aria-hidden="true" />
                    Cancel session
                  </Button>
                  <Button onClick={() => setMode("reschedule")}>
                    <CalendarClock aria-hidden="true" />
                    Reschedule
                  </Button>
                </>
              ) : settings.canManage && cancellable ? (
                <>
                  <Button variant="outline" onClick={() => setMode("no-show")}>
                    <UserX aria-hidden="true" />
                    Mark no-show
                  </Button>
                  <Button variant="outline" onClick={() => setMode("cancel")}>
                    <CalendarX2 aria-hidden="true" />
                    Cancel session
                  </Button>
                </>
              ) : null}
            </div>
          </>
        ) : mode === "reschedule" ? (
          <RescheduleForm row={row} onDone={onClose} onBack={back} />
        ) : (
          <ReasonForm row={row} action={mode} onDone={onClose} onBack={back} />
        )}
      </DialogContent>
    </Dialog>
  );
}
