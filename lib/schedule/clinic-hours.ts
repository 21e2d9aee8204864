/**
 * Clinic hours (CLINICAL.md "Scheduling defaults": 08:00–18:00 Monday to Friday in `CLINIC_TZ`),
 * judged on the clinic's wall clock so that the boundaries hold across DST changes.
 */
import type { SchedulingDefaults } from "@/lib/clinical/scheduling-defaults";
import {
  atClinicTime,
  clinicDateOf,
  clinicWeekday,
  configuredClockTime,
  formatClinicDateTime,
  formatClinicTime,
  formatWeekdays,
  weekdayName,
  type ClinicDate,
} from "./clinic-time";
import { SCHEDULING } from "./config";

/** Opening and closing instants of the clinic day on which `at` falls. */
export function clinicDayHours(
  at: Date,
  timeZone: string,
  config: SchedulingDefaults = SCHEDULING,
): { opens: Date; closes: Date } {
  const date = clinicDateOf(at, timeZone);
  const { opens, closes } = config.clinicHours;
  return {
    opens: atClinicTime(date, configuredClockTime(opens), timeZone),
    closes: atClinicTime(date, configuredClockTime(closes), timeZone),
  };
}

/**
 * Why a session from `start` to `end` falls outside clinic hours, one sentence per reason; empty
 * when it fits: on a clinic weekday, starting at or after opening and ending at or before closing
 * of the day it starts.
 */
export function outsideHoursReasons(
  start: Date,
  end: Date,
  timeZone: string,
  config: SchedulingDefaults = SCHEDULING,
): string[] {
  const { clinicHours } = config;
  const { opens, closes } = clinicDayHours(start, timeZone, config);
  const opensAt = formatClinicTime(opens, timeZone);
  const closesAt = formatClinicTime(closes, timeZone);
  const weekday = clinicWeekday(start, timeZone);

  const reasons: string[] = [];
  if (!clinicHours.weekdays.includes(weekday)) {
    reasons.push(
      `${weekdayName(weekday)} is not a clinic day (open ${formatWeekdays(clinicHours.weekdays)}, ${opensAt}–${closesAt}).`,
    );
  }
  if (start.getTime() < opens.getTime()) {
    reasons.push(
      `It starts at ${formatClinicTime(start, timeZone)}, before the clinic opens at ${opensAt}.`,
    );
  }
  if (end.getTime() > closes.getTime()) {
    const endsAt = sameDate(clinicDateOf(end, timeZone), clinicDateOf(start, timeZone))
      ? formatClinicTime(end, timeZone)
      : formatClinicDateTime(end, timeZone);
    reasons.push(`It ends at ${endsAt}, after the clinic closes at ${closesAt}.`);
  }
  return reasons;
}

function sameDate(a: ClinicDate, b: ClinicDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
