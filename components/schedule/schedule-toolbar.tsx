import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ScheduleQuery, ScheduleView } from "@/components/schedule/schedule-query";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/utils";

function Segmented<T extends string>({
  label,
  options,
  current,
  href,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  current: T;
  href: (value: T) => string;
}): React.JSX.Element {
  return (
    <div role="group" aria-label={label} className="flex rounded-md border bg-background p-0.5">
      {options.map((o) => (
        <Link
          key={o.value}
          href={href(o.value)}
          aria-current={o.value === current ? "true" : undefined}
          className={cn(
            "inline-flex h-9 items-center rounded px-3 text-sm font-medium text-muted-foreground hover:text-foreground",
            o.value === current && "bg-secondary text-secondary-foreground",
          )}
        >
          {o.label}
        </Link>
      ))}
    </div>
  );
}

const VIEWS: readonly { value: ScheduleView; label: string }[] = [
  { value: "week", label: "Week" },
  { value: "day", label: "Day" },
  { value: "list", label: "List" },
];

const COLUMNS: readonly { value: ScheduleQuery["by"]; label: string }[] = [
  { value: "room", label: "By room" },
  { value: "staff", label: "By staff" },
];

/** Moving through time and changing what the calendar shows: all plain links, no script needed. */
export function ScheduleToolbar({
  query,
  rangeLabel,
  href,
  previousDate,
  nextDate,
  todayKey,
}: {
  query: ScheduleQuery;
  rangeLabel: string;
  href: (change: Partial<ScheduleQuery>) => string;
  previousDate: string;
  nextDate: string;
  todayKey: string;
}): React.JSX.Element {
  const unit = query.view === "day" ? "day" : "week";
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <Button asChild variant="outline" size="icon">
            <Link href={href({ date: previousDate })} aria-label={`Previous ${unit}`}>
              <ChevronLeft aria-hidden="true" />
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link
              href={href({ date: todayKey })}
              aria-current={query.date === todayKey ? "date" : undefined}
            >
              Today
            </Link>
          </Button>
          <Button asChild variant="outline" size="icon">
            <Link href={href({ date: nextDate })} aria-label={`Next ${unit}`}>
              <ChevronRight aria-hidden="true" />
            </Link>
          </Button>
        </div>
        <h2 className="text-lg font-semibold" aria-live="polite">
          {rangeLabel}
        </h2>
        {query.view === "day" && query.date === todayKey ? <Badge>Today</Badge> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Segmented
          label="View"
          options={VIEWS}
          current={query.view}
          href={(view) => href({ view })}
        />
        {query.view === "list" ? null : (
          <Segmented
            label="Columns"
            options={COLUMNS}
            current={query.by}
            href={(by) => href({ by })}
          />
        )}
        <form action={paths.schedule()} method="get" className="flex items-center gap-1">
          {query.view === "week" ? null : <input type="hidden" name="view" value={query.view} />}
          {query.by === "room" ? null : <input type="hidden" name="by" value={query.by} />}
          <label htmlFor="schedule-go-date" className="sr-only">
            Go to date
          </label>
          <Input
            id="schedule-go-date"
            name="date"
            type="date"
            defaultValue={query.date}
            className="w-40"
          />
          <Button type="submit" variant="outline">
            Go
          </Button>
        </form>
      </div>
    </div>
  );
}
