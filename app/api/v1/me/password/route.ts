import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { changeOwnPassword } from "@/lib/staff/change-own-password";

export const POST = apiRoute(ops.changeOwnPassword, ({ db, actor, body }) =>
  changeOwnPassword(db, actor, body),
);
