import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { listNotes, writeNote } from "@/lib/patients/notes";

export const GET = apiRoute(ops.listNotes, async ({ db, actor, params }) => ({
  data: await listNotes(db, actor, params.id),
}));

export const POST = apiRoute(ops.writeNote, async ({ db, actor, params, body }) => {
  return new ApiResponse(await writeNote(db, actor, params.id, body), 201);
});
