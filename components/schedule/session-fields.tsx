"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import {
  instantFromInputs,
  minuteFromTimeInput,
  timeInputValue,
} from "@/components/schedule/clinic-time";
import type { BookingOptions } from "@/components/schedule/use-booking-options";

/** Date, start and end as typed, in clinic time. */
export type WhenValue = { date: string; start: string; end: string };
/** Empty string: none chosen. */
export type PlaceValue = { roomId: string; psychiatristId: string; nurseId: string };

const LAST_MINUTE = 24 * 60 - 1;

export function whenFrom(date: string, startMinute: number, lengthMinutes: number): WhenValue {
  return {
    date,
    start: timeInputValue(startMinute),
    end: timeInputValue(Math.min(LAST_MINUTE, startMinute + lengthMinutes)),
  };
}

/** A new length from the start (a new kind or protocol). */
export function withLength(when: WhenValue, lengthMinutes: number): WhenValue {
  const start = minuteFromTimeInput(when.start);
  return start === null ? when : whenFrom(when.date, start, lengthMinutes);
}

function lengthOf(when: WhenValue): number | null {
  const start = minuteFromTimeInput(when.start);
  const end = minuteFromTimeInput(when.end);
  return start === null || end === null ? null : end - start;
}

/** Start and end as instants, or what to fix first. */
export function readWhen(
  when: WhenValue,
  timeZone: string,
): { start: Date; end: Date } | { problem: string } {
  const start = instantFromInputs(when.date, when.start, timeZone);
  const end = instantFromInputs(when.date, when.end, timeZone);
  if (!start || !end) return { problem: "Enter a date, a start time and an end time." };
  if (end <= start) return { problem: "The end must be after the start." };
  return { start, end };
}

export function WhenFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: WhenValue;
  onChange: (next: WhenValue) => void;
}): React.JSX.Element {
  const length = lengthOf(value);
  function changeStart(start: string): void {
    // Moving the start keeps the length, as dragging a block would.
    const minute = minuteFromTimeInput(start);
    if (minute === null || length === null || length <= 0) onChange({ ...value, start });
    else onChange(whenFrom(value.date, minute, length));
  }
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1.4fr_1fr_1fr]">
      <div className="grid content-start gap-1.5">
        <Label htmlFor={`${idPrefix}-date`}>Date</Label>
        <Input
          id={`${idPrefix}-date`}
          type="date"
          required
          value={value.date}
          onChange={(e) => onChange({ ...value, date: e.target.value })}
        />
      </div>
      <div className="grid content-start gap-1.5">
        <Label htmlFor={`${idPrefix}-start`}>Start</Label>
        <Input
          id={`${idPrefix}-start`}
          type="time"
          step={300}
          required
          value={value.start}
          onChange={(e) => changeStart(e.target.value)}
        />
      </div>
      <div className="grid content-start gap-1.5">
        <Label htmlFor={`${idPrefix}-end`}>End</Label>
        <Input
          id={`${idPrefix}-end`}
          type="time"
          step={300}
          required
          value={value.end}
          aria-describedby={`${idPrefix}-length`}
          onChange={(e) => onChange({ ...value, end: e.target.value })}
        />
        <p id={`${idPrefix}-length`} className="text-xs text-muted-foreground">
          {length !== null && length > 0 ? `${length} min` : "After the start"}
        </p>
      </div>
    </div>
  );
}

function StaffSelect({
  id,
  label,
  value,
  people,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  people: { id: string; name: string }[];
  onChange: (id: string) => void;
  hint?: string;
}): React.JSX.Element {
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        <option value="">None</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </NativeSelect>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function PlaceFields({
  idPrefix,
  value,
  options,
  onChange,
  prescriberRequired = false,
}: {
  idPrefix: string;
  value: PlaceValue;
  options: BookingOptions;
  onChange: (next: PlaceValue) => void;
  prescriberRequired?: boolean;
}): React.JSX.Element {
  const noRooms = !options.loading && options.rooms.length === 0;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      <div className="grid content-start gap-1.5">
        <Label htmlFor={`${idPrefix}-room`}>Room</Label>
        <NativeSelect
          id={`${idPrefix}-room`}
          required
          value={value.roomId}
          onChange={(e) => onChange({ ...value, roomId: e.target.value })}
          aria-describedby={noRooms ? `${idPrefix}-room-hint` : undefined}
        >
          <option value="" disabled>
            {options.loading ? "Loading rooms…" : "Choose a room"}
          </option>
          {options.rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </NativeSelect>
        {noRooms ? (
          <p id={`${idPrefix}-room-hint`} className="text-xs text-destructive">
            The room list could not be loaded. Reload the page and try again.
          </p>
        ) : null}
      </div>
      <StaffSelect
        id={`${idPrefix}-psychiatrist`}
        label="Psychiatrist"
        value={value.psychiatristId}
        people={options.psychiatrists}
        onChange={(psychiatristId) => onChange({ ...value, psychiatristId })}
        hint={prescriberRequired ? "Required: esketamine needs a prescriber on site" : undefined}
      />
      <StaffSelect
        id={`${idPrefix}-nurse`}
        label="Nurse"
        value={value.nurseId}
        people={options.nurses}
        onChange={(nurseId) => onChange({ ...value, nurseId })}
      />
    </div>
  );
}

/** The optional staff fields of a booking body: omitted when none is chosen. */
export function staffBody(place: PlaceValue): { psychiatristId?: string; nurseId?: string } {
  return {
    ...(place.psychiatristId ? { psychiatristId: place.psychiatristId } : {}),
    ...(place.nurseId ? { nurseId: place.nurseId } : {}),
  };
}
