"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PatientPicker } from "@/components/schedule/patient-picker";
import {
  SERIES_TEMPLATES,
  type PatientChoice,
  type SeriesTemplate,
} from "@/components/schedule/schedule-api";
import { PlaceFields, type PlaceValue } from "@/components/schedule/session-fields";
import type { BookingOptions } from "@/components/schedule/use-booking-options";

export type SeriesFormValue = {
  patient: PatientChoice | null;
  template: SeriesTemplate;
  /** Clinic date, YYYY-MM-DD. */
  firstDate: string;
  /** ISO weekdays, 1 Monday … 5 Friday. */
  weekdays: number[];
  /** HH:MM, clinic time. */
  time: string;
  place: PlaceValue;
  withIntegration: boolean;
};

const TEMPLATE: Readonly<
  Record<SeriesTemplate, { label: string; description: string; weekdays: number[] }>
> = {
  "iv-induction": {
    label: "IV induction — six infusions over 2–3 weeks",
    description: "Six IV ketamine infusions, two or three a week, at least 24 h apart.",
    weekdays: [1, 3, 5],
  },
  "esketamine-induction": {
    label: "Esketamine induction — weeks 1–4 twice weekly, weeks 5–8 weekly",
    description:
      "Intranasal esketamine under the REMS: a psychiatrist must be on site for every treatment.",
    weekdays: [1, 4],
  },
};

const WEEKDAYS = [
  { value: 1, short: "Mon", long: "Monday" },
  { value: 2, short: "Tue", long: "Tuesday" },
  { value: 3, short: "Wed", long: "Wednesday" },
  { value: 4, short: "Thu", long: "Thursday" },
  { value: 5, short: "Fri", long: "Friday" },
] as const;

export function seriesFormDefaults(firstDate: string): SeriesFormValue {
  return {
    patient: null,
    template: "iv-induction",
    firstDate,
    weekdays: TEMPLATE["iv-induction"].weekdays,
    time: "09:00",
    place: { roomId: "", psychiatristId: "", nurseId: "" },
    withIntegration: false,
  };
}

export function SeriesForm({
  formId,
  value,
  roomId,
  options,
  onChange,
  onSubmit,
  children,
}: {
  formId: string;
  value: SeriesFormValue;
  roomId: string;
  options: BookingOptions;
  onChange: (next: SeriesFormValue) => void;
  onSubmit: () => void;
  children?: React.ReactNode;
}): React.JSX.Element {
  const template = TEMPLATE[value.template];
  function toggleDay(day: number, on: boolean): void {
    const weekdays = on ? [...value.weekdays, day] : value.weekdays.filter((d) => d !== day);
    onChange({ ...value, weekdays });
  }
  return (
    <form
      id={formId}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <PatientPicker
        value={value.patient}
        onChange={(patient) => onChange({ ...value, patient })}
      />
      <div className="grid content-start gap-1.5">
        <Label htmlFor="series-template">Series</Label>
        <NativeSelect
          id="series-template"
          value={value.template}
          aria-describedby="series-template-hint"
          onChange={(e) => {
            const next = SERIES_TEMPLATES.find((t) => t === e.target.value);
            if (next) onChange({ ...value, template: next, weekdays: TEMPLATE[next].weekdays });
          }}
        >
          {SERIES_TEMPLATES.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE[t].label}
            </option>
          ))}
        </NativeSelect>
        <p id="series-template-hint" className="text-xs text-muted-foreground">
          {template.description}
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="grid content-start gap-1.5">
          <Label htmlFor="series-first">First date</Label>
          <Input
            id="series-first"
            type="date"
            required
            value={value.firstDate}
            onChange={(e) => onChange({ ...value, firstDate: e.target.value })}
          />
        </div>
        <div className="grid content-start gap-1.5">
          <Label htmlFor="series-time">Time (clinic time)</Label>
          <Input
            id="series-time"
            type="time"
            step={300}
            required
            value={value.time}
            onChange={(e) => onChange({ ...value, time: e.target.value })}
          />
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Weekdays</legend>
        <div className="flex flex-wrap gap-2">
          {WEEKDAYS.map((d) => (
            <label
              key={d.value}
              className="flex h-10 cursor-pointer items-center gap-2 rounded-md border px-3 text-sm has-checked:border-primary has-checked:bg-secondary"
            >
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={value.weekdays.includes(d.value)}
                onChange={(e) => toggleDay(d.value, e.target.checked)}
                aria-label={d.long}
              />
              <span aria-hidden="true">{d.short}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <PlaceFields
        idPrefix="series"
        value={{ ...value.place, roomId }}
        options={options}
        prescriberRequired={value.template === "esketamine-induction"}
        onChange={(place) => onChange({ ...value, place })}
      />
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-primary"
          checked={value.withIntegration}
          onChange={(e) => onChange({ ...value, withIntegration: e.target.checked })}
        />
        <span>
          <span className="font-medium">Add paired integration sessions</span>
          <span className="block text-xs text-muted-foreground">
            An integration session after each dosing session.
          </span>
        </span>
      </label>
      {children}
    </form>
  );
}
