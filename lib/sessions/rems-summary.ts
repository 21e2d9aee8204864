import type { SessionDetail, VitalsRow } from "@/lib/api/session-schemas";

/** The REMS Patient Monitoring Form asks for blood pressure at about 40 minutes after dosing. */
const REMS_CHECK_MINUTES = 40;
/** How far from 40 minutes a reading may be and still count as "at about 40 minutes". */
const REMS_CHECK_WINDOW_MINUTES = 10;

export type RemsSummary = {
  beforeDosing: VitalsRow | null;
  atFortyMinutes: VitalsRow | null;
  beforeDischarge: VitalsRow | null;
  sedationChecks: { takenAt: string; minutesFromDose: number | null; moaas: number }[];
  monitoringMinutes: number | null;
  readyToLeaveAt: string | null;
};

/** What the esketamine REMS monitoring form records, drawn from the session's own entries. */
export function remsSummary(detail: {
  vitals: VitalsRow[];
  completedAt: string | null;
  dose: Pick<NonNullable<SessionDetail["dose"]>, "startedAt"> | null;
}): RemsSummary {
  const current = detail.vitals.filter((v) => v.supersededBy === null);
  const pre = current.filter((v) => v.minutesFromDose === null);
  const post = current.filter((v) => v.minutesFromDose !== null);
  const nearest = post
    .filter(
      (row) =>
        Math.abs((row.minutesFromDose ?? 0) - REMS_CHECK_MINUTES) <= REMS_CHECK_WINDOW_MINUTES,
    )
    .reduce<VitalsRow | null>((best, row) => {
      const distance = Math.abs((row.minutesFromDose ?? 0) - REMS_CHECK_MINUTES);
      if (!best) return row;
      return distance < Math.abs((best.minutesFromDose ?? 0) - REMS_CHECK_MINUTES) ? row : best;
    }, null);
  const last = post.at(-1);
  const start = detail.dose ? new Date(detail.dose.startedAt).getTime() : null;
  const end = detail.completedAt ? new Date(detail.completedAt).getTime() : null;
  return {
    beforeDosing: pre.at(-1) ?? null,
    atFortyMinutes: nearest,
    // The last reading counts as "before discharge" only when it is not the 40-minute one.
    beforeDischarge: last && last.id !== nearest?.id ? last : null,
    sedationChecks: current
      .filter((v) => v.sedationMoaas !== null)
      .map((v) => ({
        takenAt: v.takenAt,
        minutesFromDose: v.minutesFromDose,
        moaas: v.sedationMoaas ?? 0,
      })),
    monitoringMinutes: start !== null && end !== null ? Math.round((end - start) / 60_000) : null,
    readyToLeaveAt: detail.completedAt,
  };
}
