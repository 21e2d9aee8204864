"use client";

/**
 * The calendar's dialogs as <ScheduleProvider> loads them on first open: each with the query
 * client its pickers and option lists fetch through, so the calendar itself loads neither.
 */
import { QueryProvider } from "@/components/query-provider";
import { BookSeriesDialog as BookSeries } from "@/components/schedule/book-series-dialog";
import { BookSessionDialog as BookSession } from "@/components/schedule/book-session-dialog";
import { SessionDialog as Session } from "@/components/schedule/session-dialog";

export function BookSessionDialog(
  props: React.ComponentProps<typeof BookSession>,
): React.JSX.Element {
  return (
    <QueryProvider>
      <BookSession {...props} />
    </QueryProvider>
  );
}

export function BookSeriesDialog(
  props: React.ComponentProps<typeof BookSeries>,
): React.JSX.Element {
  return (
    <QueryProvider>
      <BookSeries {...props} />
    </QueryProvider>
  );
}

export function SessionDialog(props: React.ComponentProps<typeof Session>): React.JSX.Element {
  return (
    <QueryProvider>
      <Session {...props} />
    </QueryProvider>
  );
}
