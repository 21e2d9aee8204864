import { apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { describeMe } from "@/lib/staff/me";

export const GET = apiRoute(ops.getMe, ({ db, actor }) => describeMe(db, actor));
