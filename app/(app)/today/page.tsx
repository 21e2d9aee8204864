import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/layout/auto-refresh";
import { PageHeader } from "@/components/layout/page-header";
import { AgendaTable } from "@/components/sessions/agenda-table";
import { Card } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatLongDate } from "@/lib/format";
import { clinicDayRange } from "@/lib/clinic-day";
import { paths } from "@/lib/paths";
import { firstValues, withParams, type SearchParams } from "@/lib/search-params";
import { listAgenda } from "@/lib/sessions/agenda";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Today" };

const REFRESH_MS = 10_000;

export default async function TodayPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<React.JSX.Element> {
  const user = await requirePage("/today");
  const mine = firstValues(await searchParams).show === "mine";
  const timeZone = config().clinicTimeZone;
  const now = new Date();
  const { start, end } = clinicDayRange(now, timeZone);
  const rows = await listAgenda(
    await getDb(),
    { ...user, requestAddress: await requestAddress() },
    { from: start, to: end, mine },
  );
  const active = rows.filter((r) => r.status === "in_progress").length;
  const waiting = rows.filter((r) => r.status === "checked_in").length;

  return (
    <>
      <AutoRefresh intervalMs={REFRESH_MS} />
      <PageHeader
        title="Today"
        description={`${formatLongDate(now, timeZone)} · ${rows.length} sessions · ${active} in progress · ${waiting} checked in`}
        actions={
          <div role="group" aria-label="Whose sessions" className="flex rounded-md border p-0.5">
            {(["all", "mine"] as const).map((value) => {
              const current = (value === "mine") === mine;
              return (
                <Link
                  key={value}
                  href={withParams(paths.today(), { show: value === "mine" ? "mine" : undefined })}
                  aria-current={current ? "true" : undefined}
                  className={cn(
                    "inline-flex h-9 items-center rounded px-3 text-sm font-medium text-muted-foreground hover:text-foreground",
                    current && "bg-secondary text-secondary-foreground",
                  )}
                >
                  {value === "mine" ? "My sessions" : "All sessions"}
                </Link>
              );
            })}
          </div>
        }
      />
      <Card className="py-0">
        {rows.length === 0 ? (
          <p className="px-6 py-10 text-center text-sm text-muted-foreground">
            {mine ? "You have no sessions today." : "No sessions are booked today."}
          </p>
        ) : (
          <AgendaTable
            rows={rows}
            timeZone={timeZone}
            showAlerts={can(user.role, "clinical:read")}
            caption="Today's sessions by time and room"
          />
        )}
      </Card>
    </>
  );
}
