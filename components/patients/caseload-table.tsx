import { PatientStatusBadge } from "@/components/sessions/status-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ageOn, formatDate, formatTime } from "@/lib/format";
import type { CaseloadRow } from "@/lib/patients/caseload";

export function CaseloadTable({
  rows,
  timeZone,
}: {
  rows: CaseloadRow[];
  timeZone: string;
}): React.JSX.Element {
  const now = new Date();
  if (rows.length === 0) {
    return (
      <p className="px-6 py-10 text-center text-sm text-muted-foreground">
        No patients match these filters.
      </p>
    );
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Patient</TableHead>
          <TableHead>MRN</TableHead>
          <TableHead>Diagnosis</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="hidden lg:table-cell">Psychiatrist</TableHead>
          <TableHead>Next session</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <div className="font-medium">{row.name}</div>
              <div className="text-xs text-muted-foreground">{ageOn(row.dateOfBirth, now)} y</div>
            </TableCell>
            <TableCell className="font-mono text-xs">{row.mrn}</TableCell>
            <TableCell className="max-w-72 min-w-44 whitespace-normal">
              <div className="font-mono text-xs text-muted-foreground">{row.diagnosisCode}</div>
              <div className="line-clamp-2 text-sm" title={row.diagnosisLabel}>
                {row.diagnosisLabel}
              </div>
            </TableCell>
            <TableCell>
              <PatientStatusBadge status={row.status} />
            </TableCell>
            <TableCell className="hidden lg:table-cell">{row.psychiatristName ?? "—"}</TableCell>
            <TableCell className="tabular whitespace-nowrap">
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
        ))}
      </TableBody>
    </Table>
  );
}
