/**
 * A patient's progress across the course, per instrument, as CLINICAL.md defines it. Pure:
 * the query module loads the rows, this shapes them for the chart, the tables and the API.
 */
import type { DosingMarker, InstrumentProgress, Progress } from "@/lib/api/patient-schemas";
import { INSTRUMENTS, INSTRUMENT_CODES, type InstrumentCode } from "@/lib/clinical/instruments";
import {
  changePercent,
  findBaseline,
  isRemission,
  isResponse,
  responseLine,
} from "@/lib/clinical/progress";

export type AssessmentRow = {
  id: string;
  instrument: string;
  administeredAt: Date;
  total: number | null;
  band: string | null;
  answers: number[];
  flags: string[];
};

/** Instruments whose totals track symptoms over the course (not CADSS, not the C-SSRS screener). */
export function tracksSymptoms(code: InstrumentCode): boolean {
  return INSTRUMENTS[code].remission !== null;
}

function isInstrument(value: string): value is InstrumentCode {
  return (INSTRUMENT_CODES as readonly string[]).includes(value);
}

type DatedScore = { administeredAt: Date; total: number | null };

/**
 * One instrument's scores judged as CLINICAL.md says: oldest first, the baseline (the latest
 * score on or before the first dose, else the earliest), the latest score, the change between
 * them, response and remission. The caseload needs only this; the patient page adds the points.
 */
export function progressVerdict<T extends DatedScore>(
  code: InstrumentCode,
  rows: readonly T[],
  firstDosingStart: Date | null,
): {
  sorted: T[];
  scored: (T & { total: number })[];
  baseline: (T & { total: number }) | null;
  latest: (T & { total: number }) | null;
  changePercent: number | null;
  response: boolean;
  remission: boolean | null;
} {
  const sorted = [...rows].sort((a, b) => a.administeredAt.getTime() - b.administeredAt.getTime());
  const scored = sorted.filter((r): r is T & { total: number } => r.total !== null);
  const baseline = tracksSymptoms(code) ? findBaseline(scored, firstDosingStart) : null;
  const latest = scored.at(-1) ?? null;
  return {
    sorted,
    scored,
    baseline,
    latest,
    changePercent: baseline && latest ? changePercent(baseline.total, latest.total) : null,
    response: baseline !== null && latest !== null && isResponse(baseline.total, latest.total),
    remission: latest ? isRemission(code, latest.total) : null,
  };
}

export function instrumentProgress(
  code: InstrumentCode,
  rows: readonly AssessmentRow[],
  firstDosingStart: Date | null,
): InstrumentProgress {
  const { sorted, baseline, latest, ...verdict } = progressVerdict(code, rows, firstDosingStart);
  const rule = INSTRUMENTS[code].remission;
  return {
    instrument: code,
    baseline: baseline
      ? { total: baseline.total, at: baseline.administeredAt.toISOString() }
      : null,
    latest: latest
      ? { total: latest.total, at: latest.administeredAt.toISOString(), band: latest.band }
      : null,
    changePercent: verdict.changePercent,
    response: verdict.response,
    remission: verdict.remission,
    responseLine: baseline && baseline.total > 0 ? responseLine(baseline.total) : null,
    remissionLine: rule ? { comparator: rule.comparator, value: rule.value } : null,
    points: sorted.map((r) => ({
      assessmentId: r.id,
      at: r.administeredAt.toISOString(),
      total: r.total,
      band: r.band,
      answers: r.answers,
      flags: r.flags,
    })),
  };
}

export function buildProgress(input: {
  patientId: string;
  primaryInstrument: InstrumentCode;
  firstDosingStart: Date | null;
  assessments: readonly AssessmentRow[];
  dosingSessions: DosingMarker[];
}): Progress {
  const byInstrument = new Map<InstrumentCode, AssessmentRow[]>();
  for (const row of input.assessments) {
    if (!isInstrument(row.instrument)) continue;
    byInstrument.set(row.instrument, [...(byInstrument.get(row.instrument) ?? []), row]);
  }
  // The primary instrument first, then the others in the catalogue's order.
  const order = [
    input.primaryInstrument,
    ...INSTRUMENT_CODES.filter((c) => c !== input.primaryInstrument),
  ];
  return {
    patientId: input.patientId,
    primaryInstrument: input.primaryInstrument,
    firstDosingAt: input.firstDosingStart?.toISOString() ?? null,
    instruments: order
      .filter((code) => byInstrument.has(code))
      .map((code) =>
        instrumentProgress(code, byInstrument.get(code) ?? [], input.firstDosingStart),
      ),
    dosingSessions: input.dosingSessions,
  };
}
