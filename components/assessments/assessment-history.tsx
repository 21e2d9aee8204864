"use client";

// A client component on purpose: the patient page hands it data, so the page's RSC payload
// carries compact records instead of the table's element tree; the HTML is still rendered on
// the server.
import { useState } from "react";
import { Button } from "@/components/ui/button";
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

/** Assessments shown before "Show all": a course's most recent weeks. */
export const RECENT_ASSESSMENTS = 12;

/**
 * Every assessment with its item-level answers, newest first: the most recent at once, the
 * rest of a long course one press away (a year of weekly scales is hundreds of rows).
 */
export function AssessmentHistory({
  entries,
  timeZone,
}: {
  entries: AssessmentEntry[];
  timeZone: string;
}): React.JSX.Element {
  const [showAll, setShowAll] = useState(false);
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">No assessments recorded.</p>;
  const shown = showAll ? entries : entries.slice(0, RECENT_ASSESSMENTS);
  const hidden = entries.length - shown.length;
  return (
    <>
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
          {shown.map((a) => (
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
                {/* One text per row ("1:2 2:0 …"), not an element per item: the twelve rows
                    shown can hold 150 answers, and each element costs every render. */}
                <span className="item-answers" aria-label={`${a.instrument} item answers`}>
                  {itemAnswers(a.answers)}
                </span>
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
      {hidden > 0 || showAll ? (
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll
            ? `Show the ${RECENT_ASSESSMENTS} most recent`
            : `Show all ${entries.length} assessments (${hidden} older)`}
        </Button>
      ) : null}
    </>
  );
}

/** Item answers as "item:answer" pairs, kept together per pair and wrapping between pairs. */
function itemAnswers(answers: readonly number[]): string {
  return answers.map((v, i) => `${i + 1}:\u00a0${v}`).join("  ");
}
