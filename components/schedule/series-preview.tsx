"use client";

import { CircleCheck, SkipForward, TriangleAlert, Undo2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConflictItems } from "@/components/schedule/conflict-list";
import type { SeriesPreviewRow, SeriesTemplate } from "@/components/schedule/schedule-api";
import { formatDate, formatTime } from "@/lib/format";
import { SESSION_KIND_LABEL } from "@/lib/labels";

/** What the front desk decided for one proposed date. */
export type SeriesChoice = "as-proposed" | "suggested" | "skipped";
export type SeriesItem = { row: SeriesPreviewRow; choice: SeriesChoice };

const DOSE_NOUN: Record<SeriesTemplate, string> = {
  "iv-induction": "Infusion",
  "esketamine-induction": "Treatment",
};

/** The start and end that would be booked for an item. */
export function bookedTimes(item: SeriesItem): { start: string; end: string } {
  return item.choice === "suggested" && item.row.suggestion
    ? item.row.suggestion
    : { start: item.row.start, end: item.row.end };
}

/** Included, with a conflict still standing: blocks "Book". */
export function isUnresolved(item: SeriesItem): boolean {
  return item.choice === "as-proposed" && item.row.conflicts.length > 0;
}

function itemLabel(row: SeriesPreviewRow, template: SeriesTemplate): string {
  const noun = DOSE_NOUN[template];
  if (row.kind === "dosing") return row.dosingNumber ? `${noun} ${row.dosingNumber}` : noun;
  if (row.kind === "integration" && row.dosingNumber) {
    return `Integration after ${noun.toLowerCase()} ${row.dosingNumber}`;
  }
  return SESSION_KIND_LABEL[row.kind];
}

function When({
  start,
  end,
  timeZone,
}: {
  start: string;
  end: string;
  timeZone: string;
}): React.JSX.Element {
  const s = new Date(start);
  return (
    <time dateTime={start} className="tabular">
      {formatDate(s, timeZone)} · {formatTime(s, timeZone)}–{formatTime(new Date(end), timeZone)}
    </time>
  );
}

function ChoiceBadge({ item }: { item: SeriesItem }): React.JSX.Element {
  if (item.choice === "skipped") return <Badge variant="outline">Skipped</Badge>;
  if (item.choice === "suggested") return <Badge variant="secondary">Moved</Badge>;
  const count = item.row.conflicts.length;
  if (count > 0) {
    return (
      <Badge variant="warning">
        <TriangleAlert aria-hidden="true" />
        {count === 1 ? "Conflict" : `${count} conflicts`}
      </Badge>
    );
  }
  return (
    <Badge variant="success">
      <CircleCheck aria-hidden="true" />
      Free
    </Badge>
  );
}

export function SeriesPreview({
  items,
  template,
  timeZone,
  onChoose,
}: {
  items: SeriesItem[];
  template: SeriesTemplate;
  timeZone: string;
  onChoose: (index: number, choice: SeriesChoice) => void;
}): React.JSX.Element {
  return (
    <ol aria-label="Proposed sessions" className="divide-y rounded-md border">
      {items.map((item) => {
        const { row, choice } = item;
        const label = itemLabel(row, template);
        const conflicting = row.conflicts.length > 0;
        return (
          <li
            key={row.index}
            className={choice === "skipped" ? "bg-muted/50 p-3 text-muted-foreground" : "p-3"}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className={choice === "skipped" ? "line-through" : undefined}>
                <span className="font-medium">{label}</span>
                <span className="text-muted-foreground"> · </span>
                <When {...bookedTimes(item)} timeZone={timeZone} />
              </p>
              <div className="flex items-center gap-2">
                <ChoiceBadge item={item} />
                {choice !== "as-proposed" ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onChoose(row.index, "as-proposed")}
                  >
                    <Undo2 aria-hidden="true" />
                    {choice === "skipped" ? "Include again" : "Undo"}
                    <span className="sr-only"> {label}</span>
                  </Button>
                ) : conflicting ? null : (
                  <Button size="sm" variant="ghost" onClick={() => onChoose(row.index, "skipped")}>
                    <SkipForward aria-hidden="true" />
                    Skip<span className="sr-only"> {label}</span>
                  </Button>
                )}
              </div>
            </div>
            {conflicting && choice === "as-proposed" ? (
              <div className="mt-2 space-y-2">
                <ConflictItems conflicts={row.conflicts} />
                <p className="text-sm">
                  {row.suggestion ? (
                    <>
                      Suggested instead: <When {...row.suggestion} timeZone={timeZone} />
                    </>
                  ) : (
                    "No free time was found nearby; skip this date or change the series."
                  )}
                </p>
                <div className="flex flex-wrap gap-2">
                  {row.suggestion ? (
                    <Button size="sm" onClick={() => onChoose(row.index, "suggested")}>
                      Use suggested time<span className="sr-only"> for {label}</span>
                    </Button>
                  ) : null}
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => onChoose(row.index, "skipped")}
                  >
                    <SkipForward aria-hidden="true" />
                    Skip<span className="sr-only"> {label}</span>
                  </Button>
                </div>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
