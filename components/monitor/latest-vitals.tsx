import { formatTime } from "@/lib/format";
import type { MonitorVitals } from "@/lib/monitor/active-sessions";

type Reading = { label: string; value: string; unit: string };

function readings(v: MonitorVitals): Reading[] {
  return [
    { label: "BP", value: `${v.systolic}/${v.diastolic}`, unit: "mmHg" },
    { label: "HR", value: String(v.heartRate), unit: "bpm" },
    { label: "SpO2", value: v.spo2 === null ? "—" : String(v.spo2), unit: "%" },
    { label: "MOAA/S", value: v.moaas === null ? "—" : String(v.moaas), unit: "of 5" },
  ];
}

function takenWhen(v: MonitorVitals, timeZone: string): string {
  const at = formatTime(v.takenAt, timeZone);
  const fromDose = v.minutesFromDose === null ? "before the dose" : `at ${v.minutesFromDose} min`;
  const ago = v.minutesAgo === 0 ? "just now" : `${v.minutesAgo} min ago`;
  return `Latest vitals ${fromDose} · ${at} (${ago})`;
}

/** The latest current reading, each value with its unit, and how old it is. */
export function LatestVitals({
  vitals,
  timeZone,
}: {
  vitals: MonitorVitals | null;
  timeZone: string;
}): React.JSX.Element {
  if (vitals === null) {
    return <p className="text-sm text-muted-foreground">No vitals recorded yet</p>;
  }
  // Two by two: a card is 300–400 px wide, too narrow for four values with their units in a row.
  return (
    <div>
      <dl className="grid grid-cols-2 gap-2">
        {readings(vitals).map((r) => (
          <div
            key={r.label}
            className="flex items-baseline justify-between gap-2 rounded-md bg-muted/60 px-3 py-1.5"
          >
            <dt className="text-xs text-muted-foreground">{r.label}</dt>
            <dd className="tabular text-lg leading-tight font-semibold whitespace-nowrap">
              {r.value}
              <span className="ml-1 text-xs font-normal text-muted-foreground">{r.unit}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-1.5 text-xs text-muted-foreground">{takenWhen(vitals, timeZone)}</p>
    </div>
  );
}
