import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { auditPageView, listAuditEvents } from "@/lib/audit-log";

export const GET = apiRoute(ops.listAuditEvents, async ({ db, actor, query }) =>
  auditPageView(await listAuditEvents(db, actor, query)),
);
