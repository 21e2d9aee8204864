/**
 * Every vitals reading of a session as a table: the accessible twin of the vitals chart and the
 * full record, corrections included. A corrected reading is never hidden: it stays, muted and
 * struck through, beside the entry that replaced it, with who corrected it, when and why.
 */
import { OctagonAlert, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { VitalsRow } from "@/lib/api/session-schemas";
import { MOAAS_LABELS } from "@/lib/clinical/vitals";
import { formatTime } from "@/lib/format";
import { cn } from "@/lib/utils";

export type VitalsTableProps = {
  rows: VitalsRow[];
  /** The clinic's IANA time zone; times are shown in clinic time. */
  timeZone: string;
  /** Per-row actions (the session page's "Amend" button), in a last column only when given. */
  renderActions?: (row: VitalsRow) => React.ReactNode;
  className?: string;
};

type VitalsAlert = VitalsRow["alerts"][number];

const HEAD = "h-auto py-2 align-bottom";
const COLUMN_COUNT = 10;

/** Name over unit, so the numeric columns stay as narrow as their values on a tablet. */
function ColumnHead({
  label,
  title,
  unit,
}: {
  label: string;
  title?: string;
  unit: string;
}): React.JSX.Element {
  return (
    <TableHead className={cn(HEAD, "text-right")}>
      {title ? (
        <abbr title={title} className="no-underline">
          {label}
        </abbr>
      ) : (
        label
      )}
      <span className="block text-xs font-normal text-muted-foreground">{unit}</span>
    </TableHead>
  );
}

/** Icon and text, never colour alone; the rule's full message for screen readers and on hover. */
function VitalsAlertBadge({
  alert,
  muted,
}: {
  alert: VitalsAlert;
  muted: boolean;
}): React.JSX.Element {
  const critical = alert.level === "critical";
  const Icon = critical ? OctagonAlert : TriangleAlert;
  return (
    <Badge
      variant={muted ? "outline" : critical ? "critical" : "warning"}
      title={alert.message}
      className={cn(muted && "text-muted-foreground")}
    >
      <Icon aria-hidden="true" />
      {alert.code}
      <span className="font-normal">· {alert.level}</span>
      <span className="sr-only">: {alert.message}</span>
    </Badge>
  );
}

/** Takes a struck-through look on a corrected reading; <s> marks it as no longer accurate. */
function Value({
  corrected,
  children,
}: {
  corrected: boolean;
  children: React.ReactNode;
}): React.JSX.Element {
  return corrected ? <s>{children}</s> : <>{children}</>;
}

function optional(value: number | null, decimals = 0): string {
  return value === null ? "—" : value.toFixed(decimals);
}

/** Time order; a corrected reading sorts just before its correction (same time taken). */
function inTimeOrder(rows: readonly VitalsRow[]): VitalsRow[] {
  return [...rows].sort(
    (a, b) =>
      Date.parse(a.takenAt) - Date.parse(b.takenAt) ||
      Date.parse(a.recordedAt) - Date.parse(b.recordedAt),
  );
}

function RecordedBy({
  row,
  correction,
  timeZone,
}: {
  row: VitalsRow;
  correction: VitalsRow | undefined;
  timeZone: string;
}): React.JSX.Element {
  const enteredLater = Date.parse(row.recordedAt) - Date.parse(row.takenAt) >= 60_000;
  return (
    <div className="flex min-w-40 flex-col gap-0.5 whitespace-normal wrap-anywhere">
      <span>{row.recordedByName}</span>
      {enteredLater || row.supersedes !== null ? (
        <span className="text-xs text-muted-foreground tabular">
          entered {formatTime(new Date(row.recordedAt), timeZone)}
        </span>
      ) : null}
      {row.supersedes !== null ? (
        <span className="text-xs">
          <span className="font-medium">Correction:</span> {row.amendReason ?? "no reason given"}
        </span>
      ) : null}
      {row.supersededBy !== null ? (
        <span className="text-xs">
          {correction
            ? `Corrected by ${correction.recordedByName} at ${formatTime(new Date(correction.recordedAt), timeZone)}`
            : "Corrected by a later entry"}
        </span>
      ) : null}
    </div>
  );
}

export function VitalsTable({
  rows,
  timeZone,
  renderActions,
  className,
}: VitalsTableProps): React.JSX.Element {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (
    <Table className={cn("tabular", className)}>
      <caption className="sr-only">Vitals, in time order</caption>
      <TableHeader>
        <TableRow>
          <TableHead className={HEAD}>Time</TableHead>
          <ColumnHead label="Min" title="Minutes from dose start" unit="from dose" />
          <ColumnHead label="BP" title="Blood pressure" unit="mmHg" />
          <ColumnHead label="HR" title="Heart rate" unit="bpm" />
          <ColumnHead label="SpO2" unit="%" />
          <ColumnHead label="RR" title="Respiratory rate" unit="/min" />
          <ColumnHead label="Temp" title="Temperature" unit="°C" />
          <ColumnHead label="MOAA/S" unit="0–5" />
          <TableHead className={HEAD}>Alerts</TableHead>
          <TableHead className={HEAD}>Recorded by</TableHead>
          {renderActions ? (
            <TableHead className={HEAD}>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell
              colSpan={COLUMN_COUNT + (renderActions ? 1 : 0)}
              className="py-6 text-center text-muted-foreground"
            >
              No vitals recorded yet
            </TableCell>
          </TableRow>
        ) : null}
        {inTimeOrder(rows).map((row) => {
          const corrected = row.supersededBy !== null;
          const correction = row.supersededBy ? byId.get(row.supersededBy) : undefined;
          return (
            <TableRow key={row.id} className={cn(corrected && "bg-muted/40 text-muted-foreground")}>
              <TableCell>
                <div className="font-medium">
                  <Value corrected={corrected}>{formatTime(new Date(row.takenAt), timeZone)}</Value>
                </div>
                {corrected ? (
                  <div className="max-w-28 text-xs whitespace-normal">
                    Corrected by a later entry
                  </div>
                ) : row.supersedes !== null ? (
                  <div className="text-xs font-medium">Correction</div>
                ) : null}
              </TableCell>
              <TableCell className="text-right">
                {row.minutesFromDose === null ? (
                  <span className="text-muted-foreground">pre-dose</span>
                ) : (
                  row.minutesFromDose
                )}
              </TableCell>
              <TableCell className="text-right font-medium">
                <Value corrected={corrected}>
                  {row.systolic}/{row.diastolic}
                </Value>
              </TableCell>
              <TableCell className="text-right">
                <Value corrected={corrected}>{row.heartRate}</Value>
              </TableCell>
              <TableCell className="text-right">
                <Value corrected={corrected}>{optional(row.spo2)}</Value>
              </TableCell>
              <TableCell className="text-right">
                <Value corrected={corrected}>{optional(row.respiratoryRate)}</Value>
              </TableCell>
              <TableCell className="text-right">
                <Value corrected={corrected}>{optional(row.temperatureC, 1)}</Value>
              </TableCell>
              <TableCell className="text-right">
                <Value corrected={corrected}>
                  {row.sedationMoaas === null ? (
                    "—"
                  ) : (
                    <span title={MOAAS_LABELS[row.sedationMoaas]}>{row.sedationMoaas}</span>
                  )}
                </Value>
              </TableCell>
              <TableCell>
                {row.alerts.length === 0 ? (
                  <span className="text-muted-foreground">
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">None</span>
                  </span>
                ) : (
                  <div className="flex flex-col items-start gap-1">
                    {row.alerts.map((alert) => (
                      <VitalsAlertBadge key={alert.code} alert={alert} muted={corrected} />
                    ))}
                  </div>
                )}
              </TableCell>
              <TableCell>
                <RecordedBy row={row} correction={correction} timeZone={timeZone} />
              </TableCell>
              {renderActions ? (
                <TableCell className="text-right">{renderActions(row)}</TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
