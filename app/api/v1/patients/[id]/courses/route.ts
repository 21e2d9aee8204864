import { ApiResponse, apiRoute } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { createCourse, listCourses } from "@/lib/courses/treatment-plan";

export const GET = apiRoute(ops.listCourses, async ({ db, actor, params }) => ({
  courses: await listCourses(db, actor, params.id),
}));

export const POST = apiRoute(ops.createCourse, async ({ db, actor, params, body }) => {
  return new ApiResponse(await createCourse(db, actor, params.id, body), 201);
});
