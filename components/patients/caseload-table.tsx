"use client";

import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { formatChange, ProgressBadge } from "@/components/patients/progress-badge";
import { Sparkline } from "@/components/patients/sparkline";
import { PatientStatusBadge } from "@/components/sessions/status-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { INSTRUMENTS } from "@/lib/clinical/instruments";
import { ageOn, formatDate, formatTime } from "@/lib/format";
import { PROTOCOL_LABEL, SAFETY_FLAG_LABEL } from "@/lib/labels";
import type { CaseloadRow } from "@/lib/patients/caseload";
import { paths } from "@/lib/paths";

/**
 * The caseload's rows. A client component on purpose: the page hands it the rows as data, so
 * the page's RSC payload carries 25 compact records instead of the table's whole element tree
 * (about half of the page's bytes and of its server time); the HTML is rendered on the server
 * all the same. `now` comes from the server so that ages agree between the two renders.
 */
export function CaseloadTable({
  rows,
  timeZone,
  clinical,
  now,
}: {
  rows: CaseloadRow[];
  timeZone: string;
  clinical: boolean;
  now: Date;
}): React.JSX.Element {
  if (rows.length === 0) {
    return (
      <p className="px-6 py-10 text-center text-sm text-muted-foreground">
        No patients match these filters.
      </p>
    );
  }
  return (
    <Table>
      <caption className="sr-only">Patients</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Patient</TableHead>
          <TableHead className="hidden xl:table-cell">Diagnosis</TableHead>
          <TableHead>Course</TableHead>
          {clinical ? (
            <>
              <TableHead>Latest score</TableHead>
              <TableHead>Change from baseline</TableHead>
              <TableHead className="hidden lg:table-cell">Trend</TableHead>
            </>
          ) : (
            <TableHead>Status</TableHead>
          )}
          <TableHead>Next session</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const p = row.progress;
          return (
            <TableRow key={row.id}>
              <TableCell className="align-top">
                <Link
                  href={paths.patient(row.id)}
                  className="font-medium underline-offset-4 hover:underline focus-visible:underline"
                >
                  {row.name}
                </Link>
                <div className="text-xs text-muted-foreground">
                  <span className="font-mono">{row.mrn}</span> · {ageOn(row.dateOfBirth, now)} y
                  <span className="xl:hidden"> · {row.diagnosisCode}</span>
                </div>
                {row.safetyFlags.length > 0 ? (
                  <div className="mt-1 flex flex-wrap gap-1">
                    {row.safetyFlags.map((flag) => (
                      <span
                        key={flag}
                        className="inline-flex items-center gap-1 rounded border border-critical/50 bg-critical/10 px-1.5 text-xs font-medium text-critical"
                      >
                        <ShieldAlert className="size-3" aria-hidden="true" />
                        {SAFETY_FLAG_LABEL[flag] ?? flag}
                      </span>
                    ))}
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="hidden max-w-64 min-w-44 align-top whitespace-normal xl:table-cell">
                <div className="font-mono text-xs text-muted-foreground">{row.diagnosisCode}</div>
                <div className="line-clamp-2 text-sm" title={row.diagnosisLabel}>
                  {row.diagnosisLabel}
                </div>
              </TableCell>
              <TableCell className="align-top">
                {row.course ? (
                  <>
                    <div className="text-sm">{PROTOCOL_LABEL[row.course.protocol]}</div>
                    <div className="text-xs text-muted-foreground tabular">
                      {row.course.dosesGiven !== null && row.course.dosesGiven > 0
                        ? `Session ${row.course.dosesGiven} of ${row.course.plannedSessions}`
                        : `${row.course.plannedSessions} sessions planned`}
                    </div>
                  </>
                ) : (
                  <span className="text-sm text-muted-foreground">No course</span>
                )}
                {clinical ? (
                  <div className="mt-1">
                    <PatientStatusBadge status={row.status} />
                  </div>
                ) : null}
              </TableCell>
              {clinical ? (
                <>
                  <TableCell className="align-top tabular">
                    {p && p.latestTotal !== null ? (
                      <>
                        <div className="font-medium">
                          {p.instrument} {p.latestTotal}
                        </div>
                        <div className="text-xs text-muted-foreground">{p.band ?? ""}</div>
                      </>
                    ) : (
                      <span className="text-sm text-muted-foreground">No scores</span>
                    )}
                  </TableCell>
                  <TableCell className="align-top tabular">
                    {p ? (
                      <div className="flex flex-col items-start gap-1">
                        <span className="font-medium">{formatChange(p.changePercent)}</span>
                        <ProgressBadge response={p.response} remission={p.remission} />
                      </div>
                    ) : (
                      <span className="text-sm text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell className="hidden align-top lg:table-cell">
                    {p ? (
                      <Sparkline
                        values={p.trend}
                        max={INSTRUMENTS[p.instrument].totalMax ?? Math.max(...p.trend, 1)}
                        label={`${p.instrument} trend: ${p.trend.join(", ")}`}
                      />
                    ) : null}
                  </TableCell>
                </>
              ) : (
                <TableCell className="align-top">
                  <PatientStatusBadge status={row.status} />
                </TableCell>
              )}
              <TableCell className="align-top tabular whitespace-nowrap">
                {row.nextSessionAt ? (
                  <>
                    <div>{formatDate(row.nextSessionAt, timeZone)}</div>
                    <div className="text-xs text-muted-foreground">
                      {formatTime(row.nextSessionAt, timeZone)}
                    </div>
                  </>
                ) : (
                  <span className="text-muted-foreground">None booked</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
