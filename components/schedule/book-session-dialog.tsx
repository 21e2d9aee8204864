"use client";

import { CalendarPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { defaultLengthMinutes } from "@/components/schedule/booking-defaults";
import { PROTOCOLS, SESSION_KINDS } from "@/components/schedule/kind-style";
import { PatientPicker } from "@/components/schedule/patient-picker";
import {
  acceptedSchema,
  problemMessage,
  scheduleRequest,
  ScheduleConflictError,
  type Conflict,
  type PatientChoice,
} from "@/components/schedule/schedule-api";
import { useSchedule, type BookingSlot } from "@/components/schedule/schedule-context";
import { SlotFields } from "@/components/schedule/slot-fields";
import {
  readWhen,
  staffBody,
  whenFrom,
  withLength,
  type PlaceValue,
  type WhenValue,
} from "@/components/schedule/session-fields";
import { useBookingOptions } from "@/components/schedule/use-booking-options";
import type { Protocol, SessionKind } from "@/db/schema";
import { PROTOCOL_LABEL, SESSION_KIND_LABEL } from "@/lib/labels";

const FORM_ID = "book-session-form";

export function BookSessionDialog({
  slot,
  onClose,
}: {
  slot: BookingSlot;
  onClose: () => void;
}): React.JSX.Element {
  const router = useRouter();
  const { settings } = useSchedule();
  const options = useBookingOptions();
  const [patient, setPatient] = useState<PatientChoice | null>(null);
  const [kind, setKind] = useState<SessionKind>("dosing");
  const [protocol, setProtocol] = useState<Protocol>("iv_ketamine");
  const [when, setWhen] = useState<WhenValue>(() =>
    whenFrom(slot.date, slot.minute, defaultLengthMinutes("dosing", "iv_ketamine")),
  );
  const [place, setPlace] = useState<PlaceValue>({
    roomId: "",
    psychiatristId: slot.staff?.role === "psychiatrist" ? slot.staff.id : "",
    nurseId: slot.staff?.role === "nurse" ? slot.staff.id : "",
  });
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // The clicked room is known by name until the room list (with ids) has loaded.
  const roomId =
    place.roomId ||
    options.rooms.find((r) => r.name === slot.roomName)?.id ||
    options.rooms[0]?.id ||
    "";
  const esketamine = kind === "dosing" && protocol === "intranasal_esketamine";

  function edited(): void {
    setConflicts(null);
    setProblem(null);
  }

  function changeKind(next: SessionKind): void {
    setKind(next);
    setWhen(withLength(when, defaultLengthMinutes(next, protocol)));
    edited();
  }

  function changeProtocol(next: Protocol): void {
    setProtocol(next);
    setWhen(withLength(when, defaultLengthMinutes(kind, next)));
    edited();
  }

  async function book(overrideReason?: string): Promise<void> {
    const times = readWhen(when, settings.timeZone);
    if (!patient) return setProblem("Choose the patient first.");
    if ("problem" in times) return setProblem(times.problem);
    if (!roomId) return setProblem("Choose a room.");
    setPending(true);
    setProblem(null);
    try {
      await scheduleRequest("/api/v1/sessions", acceptedSchema, {
        method: "POST",
        body: {
          patientId: patient.id,
          kind,
          ...(kind === "dosing" ? { protocol } : {}),
          roomId,
          start: times.start.toISOString(),
          end: times.end.toISOString(),
          ...staffBody(place),
          ...(overrideReason ? { override: { reason: overrideReason } } : {}),
        },
      });
      toast.success(`${SESSION_KIND_LABEL[kind]} session booked for ${patient.name}`);
      onClose();
      router.refresh();
    } catch (error) {
      if (error instanceof ScheduleConflictError) setConflicts(error.conflicts);
      else setProblem(problemMessage(error, "The session could not be booked. Try again."));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Book session</DialogTitle>
          <DialogDescription>
            Times are clinic time. Conflicts are checked when you book.
          </DialogDescription>
        </DialogHeader>
        <form
          id={FORM_ID}
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void book();
          }}
        >
          <PatientPicker
            value={patient}
            onChange={(p) => {
              setPatient(p);
              edited();
            }}
          />
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <div className="grid content-start gap-1.5">
              <Label htmlFor="book-kind">Kind of session</Label>
              <NativeSelect
                id="book-kind"
                value={kind}
                onChange={(e) => {
                  const next = SESSION_KINDS.find((k) => k === e.target.value);
                  if (next) changeKind(next);
                }}
              >
                {SESSION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {SESSION_KIND_LABEL[k]}
                  </option>
                ))}
              </NativeSelect>
            </div>
            {kind === "dosing" ? (
              <div className="grid content-start gap-1.5">
                <Label htmlFor="book-protocol">Protocol</Label>
                <NativeSelect
                  id="book-protocol"
                  value={protocol}
                  onChange={(e) => {
                    const next = PROTOCOLS.find((p) => p === e.target.value);
                    if (next) changeProtocol(next);
                  }}
                >
                  {PROTOCOLS.map((p) => (
                    <option key={p} value={p}>
                      {PROTOCOL_LABEL[p]} · {defaultLengthMinutes("dosing", p)} min
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : null}
          </div>
          <SlotFields
            idPrefix="book"
            when={when}
            place={{ ...place, roomId }}
            options={options}
            prescriberRequired={esketamine}
            onWhenChange={(next) => {
              setWhen(next);
              edited();
            }}
            onPlaceChange={(next) => {
              setPlace(next);
              edited();
            }}
            problem={problem}
            conflicts={conflicts}
            pending={pending}
            actionLabel="Book anyway"
            onOverride={(reason) => void book(reason)}
          />
        </form>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button type="submit" form={FORM_ID} disabled={pending}>
            <CalendarPlus aria-hidden="true" />
            {pending ? "Booking…" : "Book session"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
