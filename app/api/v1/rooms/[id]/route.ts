import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { updateRoom } from "@/lib/registry/rooms";

export const PATCH = apiRoute(ops.updateRoom, ({ db, actor, params, body }) =>
  updateRoom(db, actor, params.id, body),
);
