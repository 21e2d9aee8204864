import "server-only";
import { notFound } from "next/navigation";
import { requestAddress, type CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { getSessionDetail, type SessionView } from "@/lib/sessions/session-detail";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session a page shows, or the not-found page for an id that names no session. */
export async function sessionViewForPage(user: CurrentUser, id: string): Promise<SessionView> {
  if (!UUID.test(id)) notFound();
  try {
    return await getSessionDetail(
      await getDb(),
      { ...user, requestAddress: await requestAddress() },
      id,
    );
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
