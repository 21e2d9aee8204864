import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { listStaff, staffMemberView } from "@/lib/staff/list-staff";
import { createStaff } from "@/lib/staff/manage-staff";

export const GET = apiRoute(ops.listStaff, async ({ db, actor }) => ({
  items: (await listStaff(db, actor)).map(staffMemberView),
}));

export const POST = apiRoute(
  ops.createStaff,
  async ({ db, actor, body }) => new ApiResponse(await createStaff(db, actor, body), 201),
);
