import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { exportAuditCsv } from "@/lib/staff/audit-csv";

export const GET = apiRoute(ops.exportAuditCsv, async ({ db, actor, query }) => {
  const csv = await exportAuditCsv(db, actor, query);
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
    },
  });
});
