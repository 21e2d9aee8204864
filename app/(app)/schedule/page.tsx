import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { AgendaTable } from "@/components/sessions/agenda-table";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { clinicDateKey, clinicDayRange, formatLongDate } from "@/lib/format";
import { listAgenda, type AgendaRow } from "@/lib/sessions/agenda";

export const metadata: Metadata = { title: "Schedule" };

const DAYS_AHEAD = 7;

export default async function SchedulePage(): Promise<React.JSX.Element> {
  const user = await requirePage("/schedule");
  const timeZone = config().clinicTimeZone;
  const now = new Date();
  const { start, end } = clinicDayRange(now, timeZone, DAYS_AHEAD);
  const rows = await listAgenda(
    await getDb(),
    { ...user, requestAddress: await requestAddress() },
    { from: start, to: end },
  );
  const byDay = new Map<string, AgendaRow[]>();
  for (const row of rows) {
    const key = clinicDateKey(row.scheduledStart, timeZone);
    byDay.set(key, [...(byDay.get(key) ?? []), row]);
  }
  const booked = rows.filter((r) => r.status !== "cancelled").length;

  return (
    <>
      <PageHeader
        title="Schedule"
        description={`Upcoming sessions, next ${DAYS_AHEAD} days · ${booked} booked`}
      />
      {byDay.size === 0 ? (
        <Card>
          <p className="px-6 py-6 text-center text-sm text-muted-foreground">
            Nothing is booked in the next {DAYS_AHEAD} days.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          {[...byDay.entries()].map(([day, dayRows]) => {
            const first = dayRows[0];
            const title = first ? formatLongDate(first.scheduledStart, timeZone) : day;
            return (
              <section key={day} aria-labelledby={`day-${day}`}>
                <Card className="gap-0 py-0">
                  <CardHeader className="border-b py-3">
                    <CardTitle>
                      <h2 id={`day-${day}`} className="text-base">
                        {title}
                        <span className="ml-2 text-sm font-normal text-muted-foreground">
                          {dayRows.length} {dayRows.length === 1 ? "session" : "sessions"}
                        </span>
                      </h2>
                    </CardTitle>
                  </CardHeader>
                  <AgendaTable
                    rows={dayRows}
                    timeZone={timeZone}
                    showAlerts={can(user.role, "clinical:read")}
                    caption={`Sessions on ${title}`}
                  />
                </Card>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
