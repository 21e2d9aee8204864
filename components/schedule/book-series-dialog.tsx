"use client";

import { CalendarRange, ListChecks } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { ConflictItems } from "@/components/schedule/conflict-list";
import {
  problemMessage,
  scheduleRequest,
  ScheduleConflictError,
  seriesCreatedSchema,
  seriesPreviewSchema,
  type Conflict,
} from "@/components/schedule/schedule-api";
import { useSchedule } from "@/components/schedule/schedule-context";
import {
  SeriesForm,
  seriesFormDefaults,
  type SeriesFormValue,
} from "@/components/schedule/series-form";
import {
  bookedTimes,
  isUnresolved,
  SeriesPreview,
  type SeriesChoice,
  type SeriesItem,
} from "@/components/schedule/series-preview";
import { staffBody } from "@/components/schedule/session-fields";
import { useBookingOptions } from "@/components/schedule/use-booking-options";

const FORM_ID = "book-series-form";

/** Book a whole induction series: preview every date and its conflicts, then book all at once. */
export function BookSeriesDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const router = useRouter();
  const { settings } = useSchedule();
  const options = useBookingOptions();
  const [form, setForm] = useState<SeriesFormValue>(() => seriesFormDefaults(settings.defaultDate));
  const [items, setItems] = useState<SeriesItem[] | null>(null);
  const [refused, setRefused] = useState<Conflict[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const roomId = form.place.roomId || options.rooms[0]?.id || "";

  async function preview(): Promise<void> {
    if (!form.patient) return setProblem("Choose the patient first.");
    if (form.weekdays.length === 0) return setProblem("Choose at least one weekday.");
    if (!roomId) return setProblem("Choose a room.");
    setPending(true);
    setProblem(null);
    try {
      const answer = await scheduleRequest("/api/v1/series/preview", seriesPreviewSchema, {
        method: "POST",
        body: {
          patientId: form.patient.id,
          template: form.template,
          firstDate: form.firstDate,
          weekdays: [...form.weekdays].sort((a, b) => a - b),
          time: form.time,
          roomId,
          ...staffBody(form.place),
          withIntegration: form.withIntegration,
        },
      });
      setItems(answer.sessions.map((row) => ({ row, choice: "as-proposed" })));
    } catch (error) {
      setProblem(problemMessage(error, "The series could not be planned. Try again."));
    } finally {
      setPending(false);
    }
  }

  async function book(included: SeriesItem[]): Promise<void> {
    if (!form.patient) return;
    setPending(true);
    setProblem(null);
    setRefused(null);
    try {
      const answer = await scheduleRequest("/api/v1/series", seriesCreatedSchema, {
        method: "POST",
        body: {
          patientId: form.patient.id,
          template: form.template,
          roomId,
          ...staffBody(form.place),
          sessions: included.map((item) => ({
            kind: item.row.kind,
            dosingNumber: item.row.dosingNumber,
            ...bookedTimes(item),
          })),
        },
      });
      toast.success(`Booked ${answer.ids.length} sessions for ${form.patient.name}`);
      onClose();
      router.refresh();
    } catch (error) {
      if (error instanceof ScheduleConflictError) {
        // Someone booked in between: show why, then plan again from what is free now.
        setRefused(error.conflicts);
        setPending(false);
        await preview();
        return;
      }
      setProblem(problemMessage(error, "The series could not be booked. Try again."));
    } finally {
      setPending(false);
    }
  }

  function choose(index: number, choice: SeriesChoice): void {
    setItems((current) =>
      current ? current.map((i) => (i.row.index === index ? { ...i, choice } : i)) : current,
    );
  }

  const included = items?.filter((i) => i.choice !== "skipped") ?? [];
  const unresolved = included.filter(isUnresolved).length;
  const errorLine = problem ? (
    <p role="alert" className="text-sm font-medium text-destructive">
      {problem}
    </p>
  ) : null;

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Book a series</DialogTitle>
          <DialogDescription>
            {items
              ? "Check every date. Nothing is booked until you press Book."
              : "Plan an induction series; you will see every date and its conflicts before booking."}
          </DialogDescription>
        </DialogHeader>
        {items && form.patient ? (
          <div className="space-y-3">
            <p className="text-sm">
              <span className="font-medium">{form.patient.name}</span> · {included.length} to book
              {items.length > included.length ? ` · ${items.length - included.length} skipped` : ""}
              {" · "}
              {unresolved === 0 ? "no conflicts left" : `${unresolved} with conflicts to resolve`}
            </p>
            {refused ? (
              <section
                role="alert"
                aria-label="Series not booked"
                className="space-y-2 rounded-md border border-warning/60 bg-warning/5 p-3"
              >
                <p className="font-semibold">Nothing was booked: these conflicts came up.</p>
                <ConflictItems conflicts={refused} />
                <p className="text-sm text-muted-foreground">
                  The dates below were checked again; resolve them and book.
                </p>
              </section>
            ) : null}
            {/* Only the dates scroll, so "Book" stays in view however long the series. */}
            <div className="max-h-[50dvh] overflow-y-auto">
              <SeriesPreview
                items={items}
                template={form.template}
                timeZone={settings.timeZone}
                onChoose={choose}
              />
            </div>
            {errorLine}
            {unresolved > 0 ? (
              <p className="text-sm text-muted-foreground">
                Use the suggested time or skip each conflicting date to book.
              </p>
            ) : null}
          </div>
        ) : (
          <SeriesForm
            formId={FORM_ID}
            value={form}
            roomId={roomId}
            options={options}
            onChange={(next) => {
              setForm(next);
              setProblem(null);
            }}
            onSubmit={() => void preview()}
          >
            {errorLine}
          </SeriesForm>
        )}
        <DialogFooter>
          {items ? (
            <>
              <Button variant="outline" onClick={() => setItems(null)} disabled={pending}>
                Back
              </Button>
              <Button
                onClick={() => void book(included)}
                disabled={pending || unresolved > 0 || included.length === 0}
              >
                <CalendarRange aria-hidden="true" />
                {pending ? "Booking…" : `Book ${included.length} sessions`}
              </Button>
            </>
          ) : (
            <>
              <Button variant="outline" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" form={FORM_ID} disabled={pending}>
                <ListChecks aria-hidden="true" />
                {pending ? "Planning…" : "Preview dates"}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
