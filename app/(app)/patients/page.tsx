import { UserPlus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CaseloadFilters, ScopeToggle } from "@/components/patients/caseload-filters";
import { CaseloadTable } from "@/components/patients/caseload-table";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Card } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listCaseload } from "@/lib/patients/caseload";
import { caseloadQuerySchema } from "@/lib/patients/caseload-query";
import { paths } from "@/lib/paths";
import { firstValues, withParams, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Patients" };

export default async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<React.JSX.Element> {
  const user = await requirePage("/patients");
  const raw = firstValues(await searchParams);
  const parsed = caseloadQuerySchema.safeParse(raw);
  const clinical = can(user.role, "clinical:read");
  const fullQuery = parsed.success ? parsed.data : caseloadQuerySchema.parse({});
  // Score-based filters are clinical data: ignored for roles that may not see it.
  const query = clinical ? fullQuery : { ...fullQuery, flag: undefined, progress: undefined };
  const caseload = await listCaseload(
    await getDb(),
    { ...user, requestAddress: await requestAddress() },
    query,
  );
  const mine = caseload.scope === "mine";

  return (
    <>
      <PageHeader
        actions={
          <>
            {user.role === "psychiatrist" ? (
              <ScopeToggle scope={caseload.scope} query={query} />
            ) : null}
            {can(user.role, "patients:write") ? (
              <Button asChild>
                <Link href={paths.newPatient()}>
                  <UserPlus aria-hidden="true" />
                  New patient
                </Link>
              </Button>
            ) : null}
          </>
        }
        title={mine ? "My patients" : "Patients"}
        description={
          mine
            ? "Patients on your caseload, with their next appointment."
            : "Every patient of the clinic, with their next appointment."
        }
      />
      <CaseloadFilters query={query} clinical={clinical} />
      <Card className="py-0">
        <CaseloadTable
          rows={caseload.rows}
          timeZone={config().clinicTimeZone}
          clinical={clinical}
          now={new Date()}
        />
      </Card>
      <Pagination
        page={caseload.page}
        pageSize={caseload.pageSize}
        total={caseload.total}
        hrefFor={(page) =>
          withParams(paths.patients(), {
            query: query.query,
            status: query.status,
            scope: query.scope,
            flag: query.flag,
            progress: query.progress,
            sort: query.sort,
            page,
          })
        }
      />
    </>
  );
}
