import Link from "next/link";
import { OUTCOME_LABEL } from "@/components/audit/audit-filters";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit-log";
import { formatDateTime } from "@/lib/format";
import { ROLE_NAME } from "@/lib/labels";

const OUTCOME_VARIANT = {
  success: "secondary",
  denied: "warning",
  failure: "destructive",
} as const;

export function AuditTable({
  rows,
  timeZone,
  patientHref,
}: {
  rows: AuditRow[];
  timeZone: string;
  /** The log filtered to one patient's records. */
  patientHref: (patientId: string) => string;
}): React.JSX.Element {
  return (
    <Card className="py-0">
      <Table>
        <caption className="sr-only">Audit events</caption>
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Who</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Record</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead className="hidden lg:table-cell">Address</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6} className="py-8 text-center text-sm text-muted-foreground">
                No events match these filters.
              </TableCell>
            </TableRow>
          ) : null}
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell className="text-sm tabular whitespace-nowrap">
                {formatDateTime(row.at, timeZone)}
              </TableCell>
              <TableCell>
                <div className="text-sm font-medium">
                  {row.actorName ?? row.actorEmail ?? "Kapstone (system)"}
                </div>
                <div className="text-xs text-muted-foreground">
                  {row.actorRole
                    ? ROLE_NAME[row.actorRole]
                    : row.actorEmail
                      ? "No such account"
                      : "Automatic"}
                </div>
              </TableCell>
              <TableCell className="font-mono text-xs">{row.action}</TableCell>
              <TableCell className="text-xs">
                {row.entityType}
                {row.entityId ? (
                  <span className="block max-w-48 truncate font-mono text-muted-foreground">
                    {row.entityId}
                  </span>
                ) : null}
                {row.patientId ? (
                  <Link
                    href={patientHref(row.patientId)}
                    className="block max-w-48 truncate font-mono text-primary underline-offset-4 hover:underline"
                  >
                    <span className="sr-only">Events of patient </span>
                    {row.patientId}
                  </Link>
                ) : null}
              </TableCell>
              <TableCell>
                <Badge variant={OUTCOME_VARIANT[row.outcome]}>{OUTCOME_LABEL[row.outcome]}</Badge>
              </TableCell>
              <TableCell className="hidden font-mono text-xs lg:table-cell">
                {row.requestAddress ?? "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
