/**
 * What happened in each dosing session: the dose given, vitals at the protocol's timepoints and
 * the alerts the clinic's own rules raise on them. Ketamine raises blood pressure transiently —
 * systolic typically +10–25 mmHg peaking around 40 min and settling by 90–120 min — and a few
 * patients rise far more; sedation dips at the peak in some and is back to MOAA/S 5 at discharge.
 */
import {
  evaluateVitalsAlerts,
  measurementsOf,
  minutesFromDose,
  type VitalsInput,
} from "@/lib/clinical/vitals";
import type { Protocol, alerts, doseAdministrations, vitals } from "../schema";
import { addMinutes } from "./calendar";
import type { OrderPlan, SessionPlan } from "./plan";
import {
  DISCHARGE_AFTER_DOSE_START_MIN,
  DOSE_START_AFTER_MIN,
  DRUG,
  ROUTE,
  VITALS_TIMEPOINTS,
  doseDurationMin,
} from "./protocols";
import type { Random } from "./random";

export type DosingRecords = {
  dose: typeof doseAdministrations.$inferInsert;
  vitals: (typeof vitals.$inferInsert)[];
  alerts: (typeof alerts.$inferInsert)[];
  /** Discharge time for completed sessions. */
  dischargedAt: Date;
  /** Highest systolic after the dose and its rise over baseline, for the adverse-event step. */
  peakSystolic: number;
  peakRiseSystolic: number;
  /** How strongly this dose dissociates, relative to a standard dose of the protocol. */
  dissociation: number;
};

export type BaselineVitals = { systolic: number; diastolic: number; heartRate: number };

/** Each patient's resting values, drawn once so their sessions look like the same person. */
export function restingVitals(rng: Random): BaselineVitals {
  const systolic = rng.normalInt(122, 9, 104, 138);
  return {
    systolic,
    diastolic: Math.min(systolic - 30, rng.normalInt(Math.round(systolic * 0.63), 4, 62, 92)),
    heartRate: rng.normalInt(74, 8, 58, 92),
  };
}

const PEAK_MIN: Record<Protocol, number> = {
  iv_ketamine: 40,
  im_ketamine: 20,
  intranasal_esketamine: 40,
  sublingual_ketamine: 45,
};

/** 0 → 1 at the peak, then back towards 0 (≈0.2 of the peak 60 min later). */
function riseShape(t: number, peak: number): number {
  if (t <= 0) return 0;
  if (t <= peak) return Math.sin((Math.PI / 2) * (t / peak));
  return Math.exp(-(t - peak) / 38);
}

// Lot numbers in the shape printed on vials and device cartons; compounded lozenges carry the
// pharmacy's batch number.
const LOTS: Record<Protocol, readonly string[]> = {
  iv_ketamine: ["KET-24B117", "KET-24F052", "KET-25A009"],
  im_ketamine: ["KET-24B117", "KET-24F052", "KET-25A009"],
  intranasal_esketamine: ["ESK-24K311", "ESK-25A087"],
  sublingual_ketamine: ["RXC-241203", "RXC-250114"],
};

export function orderFor(orders: readonly OrderPlan[], dosingIndex: number): OrderPlan | undefined {
  return [...orders].reverse().find((o) => o.fromIndex <= dosingIndex) ?? orders[0];
}

type Input = {
  session: SessionPlan;
  protocol: Protocol;
  order: OrderPlan;
  resting: BaselineVitals;
  /** Ids for the rows, from the seed's id stream. */
  uuid: () => string;
  clock: Date;
  lotIndex: number;
};

export function buildDosingRecords(rng: Random, input: Input): DosingRecords {
  const { session, protocol, order, resting, clock } = input;
  const p = session.patient;
  const nurseId = session.nurseId ?? "";
  const inProgress = session.status === "in_progress";
  const doseStart = addMinutes(session.start, DOSE_START_AFTER_MIN[protocol] + rng.int(0, 3));
  const mg =
    order.mgPerKg !== null ? Math.round(order.mgPerKg * p.weightKg * 10) / 10 : (order.mg ?? 0);
  const devices = protocol === "intranasal_esketamine" ? Math.round(mg / 28) : null;
  const doseEnd = addMinutes(doseStart, doseDurationMin(protocol, devices));
  const lots = LOTS[protocol];
  const dose: typeof doseAdministrations.$inferInsert = {
    id: input.uuid(),
    sessionId: session.id,
    patientId: p.id,
    courseId: session.course?.id ?? null,
    orderId: order.id,
    drug: DRUG[protocol],
    route: ROUTE[protocol],
    doseMg: mg,
    // Esketamine is a fixed-dose product; mg/kg is only meaningful for racemic ketamine.
    doseMgPerKg:
      protocol === "intranasal_esketamine" ? null : Math.round((mg / p.weightKg) * 1000) / 1000,
    weightKg: p.weightKg,
    devices,
    lot: lots[Math.min(lots.length - 1, input.lotIndex)] ?? "KET-24B117",
    startedAt: doseStart,
    endedAt: inProgress && doseEnd > clock ? null : doseEnd,
    givenBy: nurseId,
    createdAt: doseStart,
  };

  // Higher doses and the psychedelic paradigm raise pressure, deepen sedation and dissociate more.
  const highDose = (order.mgPerKg ?? 0) >= 0.75 || mg >= 84;
  const intensity = highDose || p.paradigm === "psychedelic" ? 1.25 : 1;
  const dissociation = (highDose ? 1.3 : 1) * (p.paradigm === "psychedelic" ? 1.4 : 1);
  const riseSys = p.hypertensiveResponder
    ? rng.int(44, 54)
    : Math.round(rng.int(8, 20) * intensity);
  const riseDia = Math.round(riseSys * rng.real(0.45, 0.6));
  const riseHr = rng.int(3, 12);
  const dip = intensity > 1 ? rng.pick([3, 4, 4, 4, 4, 5]) : rng.pick([4, 5, 5, 5]);
  const baseSystolic = resting.systolic + rng.int(-6, 6);
  const base = {
    systolic: baseSystolic,
    diastolic: Math.min(baseSystolic - 32, resting.diastolic + rng.int(-4, 4)),
    heartRate: resting.heartRate + rng.int(-5, 5),
  };
  const rows: (typeof vitals.$inferInsert)[] = [];
  const alertRows: (typeof alerts.$inferInsert)[] = [];
  const peak = PEAK_MIN[protocol];
  const record = (
    takenAt: Date,
    reading: VitalsInput,
    baseline: { systolic: number; diastolic: number } | null,
  ): void => {
    const id = input.uuid();
    rows.push({
      id,
      sessionId: session.id,
      takenAt,
      minutesFromDose: minutesFromDose(takenAt, baseline ? doseStart : null),
      ...measurementsOf(reading),
      recordedBy: nurseId,
      createdAt: takenAt,
    });
    for (const alert of evaluateVitalsAlerts(reading, baseline)) {
      const acknowledged = !inProgress;
      alertRows.push({
        id: input.uuid(),
        sessionId: session.id,
        vitalsId: id,
        code: alert.code,
        level: alert.level,
        message: alert.message,
        value: alert.value,
        threshold: alert.threshold,
        raisedAt: takenAt,
        acknowledgedAt: acknowledged ? addMinutes(takenAt, rng.int(1, 4)) : null,
        acknowledgedBy: acknowledged ? nurseId : null,
      });
    }
  };

  record(
    addMinutes(doseStart, -rng.int(6, 10)),
    {
      ...base,
      spo2: rng.int(97, 99),
      respiratoryRate: rng.int(12, 16),
      temperatureC: rng.int(364, 371) / 10,
      moaas: 5,
    },
    null,
  );
  let peakSystolic = base.systolic;
  const discharge = DISCHARGE_AFTER_DOSE_START_MIN[protocol];
  for (const minute of VITALS_TIMEPOINTS[protocol]) {
    const takenAt = addMinutes(doseStart, minute + rng.int(0, 2));
    if (inProgress && takenAt > clock) break;
    const shape = riseShape(minute, peak);
    // Deepest at the check nearest the peak, lethargic either side of it, alert by discharge.
    const atPeak = Math.abs(minute - peak) <= 7;
    const nearPeak = Math.abs(minute - peak) <= 20;
    const moaas = minute >= discharge - 25 ? 5 : atPeak ? dip : nearPeak ? Math.max(dip, 4) : 5;
    const systolic = base.systolic + Math.round(riseSys * shape) + rng.int(-3, 3);
    peakSystolic = Math.max(peakSystolic, systolic);
    record(
      takenAt,
      {
        systolic,
        diastolic: Math.min(
          systolic - 25,
          base.diastolic + Math.round(riseDia * shape) + rng.int(-2, 2),
        ),
        heartRate: base.heartRate + Math.round(riseHr * shape) + rng.int(-3, 3),
        spo2: rng.int(96, 99),
        respiratoryRate: rng.int(12, 18),
        moaas,
      },
      { systolic: base.systolic, diastolic: base.diastolic },
    );
  }
  return {
    dose,
    vitals: rows,
    alerts: alertRows,
    dischargedAt: addMinutes(doseStart, discharge + rng.int(0, 6)),
    peakSystolic,
    peakRiseSystolic: peakSystolic - base.systolic,
    dissociation,
  };
}
