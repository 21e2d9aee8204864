import { formatChange, ProgressBadge } from "@/components/patients/progress-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { Progress } from "@/lib/api/patient-schemas";
import { INSTRUMENTS } from "@/lib/clinical/instruments";
import { formatDate } from "@/lib/format";

/** Per instrument: baseline, latest, change, response and remission — the chart's table twin. */
export function InstrumentSummary({
  progress,
  timeZone,
}: {
  progress: Progress;
  timeZone: string;
}): React.JSX.Element {
  const rows = progress.instruments.filter((i) => i.remissionLine !== null);
  if (rows.length === 0)
    return <p className="text-sm text-muted-foreground">No symptom scores yet.</p>;
  const day = (iso: string): string => formatDate(new Date(iso), timeZone);
  return (
    <Table>
      <caption className="sr-only">Progress per instrument</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Instrument</TableHead>
          <TableHead>Baseline</TableHead>
          <TableHead>Latest</TableHead>
          <TableHead>Change and outcome</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((i) => (
          <TableRow key={i.instrument}>
            {/* The full name wraps, so the table fits a tablet held upright. */}
            <TableCell className="min-w-40 whitespace-normal">
              <div className="font-medium">{i.instrument}</div>
              <div className="text-xs text-muted-foreground">
                {INSTRUMENTS[i.instrument].name}
                {i.instrument === progress.primaryInstrument ? " · primary" : ""}
              </div>
            </TableCell>
            <TableCell className="tabular">
              {i.baseline ? (
                <>
                  <div>{i.baseline.total}</div>
                  <div className="text-xs text-muted-foreground">{day(i.baseline.at)}</div>
                </>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell className="tabular">
              {i.latest ? (
                <>
                  <div>
                    {i.latest.total}{" "}
                    <span className="text-xs text-muted-foreground">{i.latest.band ?? ""}</span>
                  </div>
                  <div className="text-xs text-muted-foreground">{day(i.latest.at)}</div>
                </>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap items-center gap-2">
                <span className="tabular font-medium">{formatChange(i.changePercent)}</span>
                <ProgressBadge response={i.response} remission={i.remission} />
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
