/**
 * Grid and form defaults of the calendar. Session lengths and clinic hours come from the
 * scheduling configuration (CLINICAL.md "Scheduling defaults"); the server checks every booking.
 */
import { minuteFromTimeInput } from "@/components/schedule/clinic-time";
import { SCHEDULING } from "@/lib/schedule/config";

export { defaultLengthMinutes } from "@/lib/schedule/config";

/** One bookable cell of the calendar. */
export const SLOT_MINUTES = 30;
/** Where a booking opened from the header (not from a slot) starts. */
export const DEFAULT_START_MINUTE = 9 * 60;

const CONFIGURED = {
  opens: minuteFromTimeInput(SCHEDULING.clinicHours.opens) ?? 8 * 60,
  closes: minuteFromTimeInput(SCHEDULING.clinicHours.closes) ?? 18 * 60,
};

/** Opening and closing, minutes after midnight in clinic time, from "HH:MM". */
export function clinicHoursMinutes(hours: { opensAt: string; closesAt: string }): {
  opens: number;
  closes: number;
} {
  return {
    opens: minuteFromTimeInput(hours.opensAt) ?? CONFIGURED.opens,
    closes: minuteFromTimeInput(hours.closesAt) ?? CONFIGURED.closes,
  };
}

/** The configured hours, for when the clinic's stored hours are not at hand. */
export const CONFIGURED_HOURS = {
  opensAt: SCHEDULING.clinicHours.opens,
  closesAt: SCHEDULING.clinicHours.closes,
};
