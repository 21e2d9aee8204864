import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { AssessmentEntry } from "@/lib/assessments/assessment-schemas";
import { formatDate } from "@/lib/format";

/** Every assessment with its item-level answers, newest first. */
export function AssessmentHistory({
  entries,
  timeZone,
}: {
  entries: AssessmentEntry[];
  timeZone: string;
}): React.JSX.Element {
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">No assessments recorded.</p>;
  return (
    <Table>
      <caption className="sr-only">Assessments with item answers</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Instrument</TableHead>
          <TableHead>Total</TableHead>
          <TableHead>Items</TableHead>
          <TableHead>Entered by</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((a) => (
          <TableRow key={a.id}>
            <TableCell className="tabular whitespace-nowrap">
              {formatDate(new Date(a.administeredAt), timeZone)}
            </TableCell>
            <TableCell className="font-medium">{a.instrument}</TableCell>
            <TableCell className="tabular">
              {a.total ?? "—"}{" "}
              <span className="text-xs text-muted-foreground">{a.severity ?? a.risk ?? ""}</span>
              {a.flags.length > 0 ? (
                <div className="text-xs font-semibold text-critical">{a.flags.join(", ")}</div>
              ) : null}
            </TableCell>
            <TableCell className="whitespace-normal">
              <ol className="item-answers" aria-label={`${a.instrument} item answers`}>
                {a.answers.map((v, i) => (
                  <li key={i}>{v}</li>
                ))}
              </ol>
            </TableCell>
            <TableCell className="text-sm">
              {a.enteredByName}
              <div className="text-xs text-muted-foreground">
                {a.rater === "self" ? "self-report" : "clinician-rated"}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
