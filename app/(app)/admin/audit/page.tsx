import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { auditActorOptions, listAuditEvents } from "@/lib/audit-log";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { paths } from "@/lib/paths";
import { firstValues, withParams, type SearchParams } from "@/lib/search-params";
import { auditQuerySchema, type AuditQuery } from "@/lib/staff/audit-schemas";

export const metadata: Metadata = { title: "Audit log" };

const AUDIT_CSV_URL = "/api/v1/audit.csv";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<React.JSX.Element> {
  const user = await requirePage("/admin/audit");
  const parsed = auditQuerySchema.safeParse(firstValues(await searchParams));
  const query: AuditQuery = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  const [staff, log] = await Promise.all([
    auditActorOptions(db, actor),
    listAuditEvents(db, actor, query),
  ]);
  const filters = { ...query, page: undefined };
  const href = (params: Record<string, string | number | undefined>): string =>
    withParams(paths.adminAudit(), { ...filters, ...params });
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, access and change, newest first. Only admins can read it."
      />
      <AuditFilters
        query={parsed.success ? query : {}}
        staff={staff}
        exportHref={withParams(AUDIT_CSV_URL, filters)}
      />
      {parsed.success ? null : (
        <Alert variant="warning" className="mb-4">
          <AlertDescription>
            These filters could not be used, so the whole log is shown:{" "}
            {parsed.error.issues.map((issue) => issue.message).join(" ")}
          </AlertDescription>
        </Alert>
      )}
      <AuditTable
        rows={log.rows}
        timeZone={config().clinicTimeZone}
        patientHref={(patientId) => href({ patientId })}
      />
      <nav aria-label="Audit log pages" className="mt-4 flex items-center justify-end gap-2">
        <p className="mr-auto text-sm text-muted-foreground" aria-live="polite">
          {log.total === 1 ? "1 event" : `${log.total.toLocaleString("en-US")} events`} · page{" "}
          {log.page} of {pages}
        </p>
        {log.page > 1 ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ page: log.page - 1 })}>Newer</Link>
          </Button>
        ) : null}
        {log.page < pages ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ page: log.page + 1 })}>Older</Link>
          </Button>
        ) : null}
      </nav>
    </>
  );
}
