"use client";

import { ConflictPanel } from "@/components/schedule/conflict-list";
import type { Conflict } from "@/components/schedule/schedule-api";
import {
  PlaceFields,
  WhenFields,
  type PlaceValue,
  type WhenValue,
} from "@/components/schedule/session-fields";
import type { BookingOptions } from "@/components/schedule/use-booking-options";

/**
 * When and where a session goes, with the server's answer beneath: a plain problem, or the
 * conflicts and the override that booking and rescheduling both offer.
 */
export function SlotFields({
  idPrefix,
  when,
  place,
  options,
  prescriberRequired,
  onWhenChange,
  onPlaceChange,
  problem,
  conflicts,
  pending,
  actionLabel,
  onOverride,
}: {
  idPrefix: string;
  when: WhenValue;
  place: PlaceValue;
  options: BookingOptions;
  prescriberRequired: boolean;
  onWhenChange: (next: WhenValue) => void;
  onPlaceChange: (next: PlaceValue) => void;
  problem: string | null;
  conflicts: Conflict[] | null;
  pending: boolean;
  actionLabel: string;
  onOverride: (reason: string) => void;
}): React.JSX.Element {
  return (
    <>
      <WhenFields idPrefix={idPrefix} value={when} onChange={onWhenChange} />
      <PlaceFields
        idPrefix={idPrefix}
        value={place}
        options={options}
        prescriberRequired={prescriberRequired}
        onChange={onPlaceChange}
      />
      {problem ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      ) : null}
      {conflicts ? (
        <ConflictPanel
          idPrefix={idPrefix}
          conflicts={conflicts}
          pending={pending}
          actionLabel={actionLabel}
          onOverride={onOverride}
        />
      ) : null}
    </>
  );
}
