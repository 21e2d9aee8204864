import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionScheduleCard } from "@/components/sessions/session-schedule-card";
import { SessionWorkspace } from "@/components/sessions/session-workspace";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { getSessionDetail, type SessionView } from "@/lib/sessions/session-detail";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<React.JSX.Element> {
  const { id } = await params;
  const user = await requirePage("/sessions/[id]", `/sessions/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let view: SessionView;
  try {
    view = await getSessionDetail(
      await getDb(),
      { ...user, requestAddress: await requestAddress() },
      id,
    );
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
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
