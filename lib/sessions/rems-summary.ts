import type { SessionDetail, VitalsRow } from "@/lib/api/session-schemas";

/** The REMS Patient Monitoring Form asks for blood pressure at about 40 minutes after dosing. */
const REMS_CHECK_MINUTES = 40;

export type RemsSummary = {
  beforeDosing: VitalsRow | null;
  atFortyMinutes: VitalsRow | null;
  beforeDischarge: VitalsRow | null;
  sedationChecks: { takenAt: string; minutesFromDose: number | null; moaas: number }[];
  monitoringMinutes: number | null;
  readyToLeaveAt: string | null;
};

/** What the esketamine REMS monitoring form records, drawn from the session's own entries. */
export function remsSummary(detail: SessionDetail): RemsSummary {
  const current = detail.vitals.filter((v) => v.supersededBy === null);
  const pre = current.filter((v) => v.minutesFromDose === null);
  const post = current.filter((v) => v.minutesFromDose !== null);
  const nearest = post.reduce<VitalsRow | null>((best, row) => {
    const distance = Math.abs((row.minutesFromDose ?? 0) - REMS_CHECK_MINUTES);
    if (!best) return row;
    return distance < Math.abs((best.minutesFromDose ?? 0) - REMS_CHECK_MINUTES) ? row : best;
  }, null);
  const start = detail.dose ? new Date(detail.dose.startedAt).getTime() : null;
  const end = detail.completedAt ? new Date(detail.completedAt).getTime() : null;
  return {
    beforeDosing: pre.at(-1) ?? null,
    atFortyMinutes: nearest,
    beforeDischarge: post.length > 1 ? (post.at(-1) ?? null) : null,
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
