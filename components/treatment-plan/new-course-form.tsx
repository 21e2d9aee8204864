"use client";

import { CalendarPlus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PARADIGM_DESCRIPTION, PARADIGM_LABEL } from "@/components/treatment-plan/labels";
import { clinicToday, usePlanAction } from "@/components/treatment-plan/use-plan-action";
import type { Paradigm } from "@/lib/api/ops-courses";
import { PROTOCOLS } from "@/lib/clinical/dose-order-rules";
import { PROTOCOL_LABEL } from "@/lib/labels";

const PARADIGMS = Object.keys(PARADIGM_LABEL) as Paradigm[];

/** An induction series: IV commonly 4–6 infusions (CLINICAL.md). */
const DEFAULT_PLANNED_SESSIONS = 6;

/** The psychiatrist opens a treatment course: protocol, paradigm, planned sessions, start. */
export function NewCourseForm({
  patientId,
  timeZone,
  onDone,
}: {
  patientId: string;
  timeZone: string;
  onDone: () => void;
}): React.JSX.Element {
  const action = usePlanAction(`/api/v1/patients/${patientId}/courses`, "Treatment course created");
  const [today] = useState(() => clinicToday(timeZone));
  const fieldError = (field: string): string | undefined => action.error?.fieldMessage(field);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await action.run({
      protocol: String(form.get("protocol") ?? ""),
      paradigm: String(form.get("paradigm") ?? ""),
      plannedSessions: Number(form.get("plannedSessions") ?? 0),
      startDate: String(form.get("startDate") ?? ""),
    });
    if (ok) onDone();
  }

  const field = (name: string, label: string, control: React.ReactNode): React.JSX.Element => (
    <div className="grid gap-1.5">
      <Label htmlFor={`new-course-${name}`}>{label}</Label>
      {control}
      {fieldError(name) ? (
        <p id={`new-course-${name}-error`} className="text-xs text-destructive">
          {fieldError(name)}
        </p>
      ) : null}
    </div>
  );
  const invalid = (name: string): { "aria-invalid"?: true; "aria-describedby"?: string } =>
    fieldError(name)
      ? { "aria-invalid": true, "aria-describedby": `new-course-${name}-error` }
      : {};

  return (
    <form
      id="new-course-form"
      onSubmit={onSubmit}
      aria-label="New treatment course"
      className="space-y-4 rounded-lg border bg-card p-4"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {field(
          "protocol",
          "Protocol",
          <NativeSelect
            id="new-course-protocol"
            name="protocol"
            defaultValue="iv_ketamine"
            {...invalid("protocol")}
          >
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {PROTOCOL_LABEL[p]}
              </option>
            ))}
          </NativeSelect>,
        )}
        {field(
          "paradigm",
          "Paradigm",
          <NativeSelect
            id="new-course-paradigm"
            name="paradigm"
            defaultValue="biochemical"
            {...invalid("paradigm")}
          >
            {PARADIGMS.map((p) => (
              <option key={p} value={p}>
                {PARADIGM_LABEL[p]} — {PARADIGM_DESCRIPTION[p]}
              </option>
            ))}
          </NativeSelect>,
        )}
        {field(
          "plannedSessions",
          "Planned dosing sessions",
          <Input
            id="new-course-plannedSessions"
            name="plannedSessions"
            type="number"
            inputMode="numeric"
            min={1}
            max={52}
            step={1}
            defaultValue={DEFAULT_PLANNED_SESSIONS}
            required
            {...invalid("plannedSessions")}
          />,
        )}
        {field(
          "startDate",
          "Start date",
          <Input
            id="new-course-startDate"
            name="startDate"
            type="date"
            defaultValue={today}
            required
            {...invalid("startDate")}
          />,
        )}
      </div>
      {action.error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {action.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={action.pending}>
          <CalendarPlus aria-hidden="true" />
          Create course
        </Button>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
