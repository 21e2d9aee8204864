import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { listCaseload } from "@/lib/patients/caseload";

export const GET = apiRoute(ops.listPatients, async ({ db, actor, query }) => {
  const list = await listCaseload(db, actor, query);
  return { items: list.rows, page: list.page, pageSize: list.pageSize, total: list.total };
});
