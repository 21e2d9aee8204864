"use client";

// A client component on purpose: the patient page hands it data, so the page's RSC payload
// carries compact records instead of the table's element tree; the HTML is still rendered on
// the server.
import { TriangleAlert } from "lucide-react";
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
import { apiRequest } from "@/lib/api/client";
import type { AssessmentEntry } from "@/lib/assessments/assessment-schemas";
import { RECENT_ASSESSMENTS } from "@/lib/assessments/recent";
import { formatDate } from "@/lib/format";

type Older = { status: "idle" | "loading" } | { status: "failed"; message: string };

/**
 * Every assessment with its item-level answers, newest first. The page sends the most recent
 * (a year of weekly scales is hundreds of rows, and each costs every render of the page); the
 * whole list is one press away, read from the API when asked for.
 */
export function AssessmentHistory({
  patientId,
  recent,
  total,
  timeZone,
}: {
  patientId: string;
  /** The RECENT_ASSESSMENTS most recent, newest first. */
  recent: AssessmentEntry[];
  total: number;
  timeZone: string;
}): React.JSX.Element {
  // The whole list, kept with the newest entry it was read after: a new assessment (the page
  // refreshes) makes it stale, and the next "Show all" reads it again.
  const [all, setAll] = useState<{ newest: string | undefined; entries: AssessmentEntry[] }>();
  const [showAll, setShowAll] = useState(false);
  const [older, setOlder] = useState<Older>({ status: "idle" });
  if (recent.length === 0)
    return <p className="text-sm text-muted-foreground">No assessments recorded.</p>;
  const newest = recent[0]?.id;
  const whole = all && all.newest === newest ? all.entries : null;
  // A list read before the latest assessment was recorded is not shown: press again to read it.
  const expanded = showAll && whole !== null;
  const shown = expanded ? whole : recent;
  const count = whole?.length ?? total;
  const hidden = count - shown.length;

  async function toggle(): Promise<void> {
    if (expanded) {
      setShowAll(false);
      return;
    }
    if (!whole) {
      setOlder({ status: "loading" });
      try {
        const { data } = await apiRequest<{ data: AssessmentEntry[] }>(
          `/api/v1/patients/${patientId}/assessments`,
        );
        setAll({ newest, entries: data });
      } catch (error) {
        setOlder({
          status: "failed",
          message: `The older assessments could not be loaded: ${
            error instanceof Error ? error.message : "unknown error"
          }`,
        });
        return;
      }
    }
    setOlder({ status: "idle" });
    setShowAll(true);
  }

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
      {hidden > 0 || expanded ? (
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-expanded={expanded}
          aria-busy={older.status === "loading"}
          disabled={older.status === "loading"}
          onClick={() => void toggle()}
        >
          {expanded
            ? `Show the ${RECENT_ASSESSMENTS} most recent`
            : older.status === "loading"
              ? "Loading older assessments…"
              : `Show all ${count} assessments (${hidden} older)`}
        </Button>
      ) : null}
      {older.status === "failed" ? (
        <p role="alert" className="flex items-center gap-2 text-sm text-critical">
          <TriangleAlert aria-hidden="true" className="size-4 shrink-0" />
          {older.message}
        </p>
      ) : null}
    </>
  );
}

/** Item answers as "item:answer" pairs, kept together per pair and wrapping between pairs. */
function itemAnswers(answers: readonly number[]): string {
  return answers.map((v, i) => `${i + 1}:\u00a0${v}`).join("  ");
}
