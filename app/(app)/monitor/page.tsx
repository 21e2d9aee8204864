import type { Metadata } from "next";
import { AutoRefresh } from "@/components/layout/auto-refresh";
import { PageHeader } from "@/components/layout/page-header";
import { MonitorCard } from "@/components/monitor/monitor-card";
import { Card } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatTime } from "@/lib/format";
import { listActiveSessions } from "@/lib/monitor/active-sessions";

export const metadata: Metadata = { title: "Live monitor" };

// A new reading or alert reaches the board within this interval (paused while the tab is hidden).
const REFRESH_MS = 10_000;

export default async function MonitorPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/monitor");
  const timeZone = config().clinicTimeZone;
  const now = new Date();
  const board = await listActiveSessions(
    await getDb(),
    { ...user, requestAddress: await requestAddress() },
    now,
  );
  const critical = board.filter((s) => s.highestAlertLevel === "critical").length;
  const warning = board.filter((s) => s.highestAlertLevel === "warning").length;
  const summary = [
    board.length === 1 ? "1 session in progress" : `${board.length} sessions in progress`,
    ...(critical > 0 ? [`${critical} critical`] : []),
    ...(warning > 0 ? [`${warning} with warnings`] : []),
    `updated ${formatTime(now, timeZone)}`,
  ].join(" · ");

  return (
    <>
      <AutoRefresh intervalMs={REFRESH_MS} />
      <PageHeader title="Live monitor" description={summary} />
      {board.length === 0 ? (
        <Card className="py-0">
          <p className="px-6 py-10 text-center text-sm text-muted-foreground">
            No sessions in progress
          </p>
        </Card>
      ) : (
        <section
          aria-label="Sessions in progress"
          className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3"
        >
          {board.map((session) => (
            <MonitorCard key={session.id} session={session} timeZone={timeZone} />
          ))}
        </section>
      )}
    </>
  );
}
