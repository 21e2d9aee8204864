import type { Metadata } from "next";
import { SessionScheduleCard } from "@/components/sessions/session-schedule-card";
import { SessionWorkspace } from "@/components/sessions/session-workspace";
import { requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { sessionViewForPage } from "@/lib/sessions/session-page";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<React.JSX.Element> {
  const { id } = await params;
  const user = await requirePage("/sessions/[id]", `/sessions/${id}`);
  const view = await sessionViewForPage(user, id);
  const timeZone = config().clinicTimeZone;
  if (view.access === "schedule" || user.role === "admin") {
    return <SessionScheduleCard session={view.detail} timeZone={timeZone} />;
  }
  return (
    <SessionWorkspace
      initial={view.detail}
      timeZone={timeZone}
      viewer={{ id: user.id, role: user.role, canReviewPreDose: can(user.role, "orders:sign") }}
    />
  );
}
