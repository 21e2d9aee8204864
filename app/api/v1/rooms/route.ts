import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { createRoom, listRooms } from "@/lib/registry/rooms";

export const GET = apiRoute(ops.listRooms, async ({ db, actor, query }) => ({
  data: await listRooms(db, actor, {
    active: query.active === undefined ? undefined : query.active === "true",
  }),
}));

export const POST = apiRoute(ops.createRoom, async ({ db, actor, body }) => {
  return new ApiResponse(await createRoom(db, actor, body), 201);
});
