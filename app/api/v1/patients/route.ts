import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { listCaseload } from "@/lib/patients/caseload";
import { registerPatient } from "@/lib/registry/register-patient";

export const GET = apiRoute(ops.listPatients, async ({ db, actor, query }) => {
  const list = await listCaseload(db, actor, query);
  return { items: list.rows, page: list.page, pageSize: list.pageSize, total: list.total };
});

export const POST = apiRoute(ops.registerPatient, async ({ db, actor, body }) => {
  const { confirmDuplicate, ...input } = body;
  return new ApiResponse(await registerPatient(db, actor, input, { confirmDuplicate }), 201);
});
