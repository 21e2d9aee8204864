/**
 * Written by hand because apiRoute answers JSON; it keeps apiRoute's steps (sign-in, query
 * parsing, the lib call, the error shape) and streams the CSV the lib function produces.
 */
import { errorResponse, zodIssues } from "@/lib/api/handler";
import { ops } from "@/lib/api/operations";
import { getCurrentUser, requestAddress } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { exportAuditCsv } from "@/lib/staff/audit-csv";

export async function GET(request: Request): Promise<Response> {
  const op = ops.exportAuditCsv;
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to use the Kapstone API.");
    const query = op.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) {
      throw new AppError("bad_request", "The query is not valid.", zodIssues(query.error));
    }
    const actor = { ...user, requestAddress: await requestAddress() };
    const csv = await exportAuditCsv(await getDb(), actor, query.data);
    return new Response(csv.body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csv.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error);
    console.error(`[api] ${op.method} ${op.path} failed`, error);
    return errorResponse(
      new AppError("internal", "Something went wrong on our side. The error has been logged."),
    );
  }
}
