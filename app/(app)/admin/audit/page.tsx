import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { auditOutcomeEnum } from "@/db/schema";
import { auditActorOptions, auditQuerySchema, listAuditEvents } from "@/lib/audit-log";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { clinicDayRange, formatDateTime } from "@/lib/format";
import { ROLE_NAME } from "@/lib/labels";
import { paths } from "@/lib/paths";
import { firstValues, withParams, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

const OUTCOME_VARIANT = {
  success: "secondary",
  denied: "warning",
  failure: "destructive",
} as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<React.JSX.Element> {
  const user = await requirePage("/admin/audit");
  const parsed = auditQuerySchema.safeParse(firstValues(await searchParams));
  const query = parsed.success ? parsed.data : {};
  const timeZone = config().clinicTimeZone;
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  const range = {
    from: query.from
      ? clinicDayRange(new Date(`${query.from}T12:00:00Z`), timeZone).start
      : undefined,
    to: query.to ? clinicDayRange(new Date(`${query.to}T12:00:00Z`), timeZone).end : undefined,
  };
  const [staff, page] = await Promise.all([
    auditActorOptions(db, actor),
    listAuditEvents(db, actor, query, range),
  ]);

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, access and change, newest first." />
      <form
        role="search"
        action={paths.adminAudit()}
        className="mb-4 grid grid-cols-2 items-end gap-3 md:grid-cols-3 lg:grid-cols-6"
      >
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Staff member</Label>
          <NativeSelect id="audit-actor" name="actor" defaultValue={query.actor ?? ""}>
            <option value="">Anyone</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input
            id="audit-action"
            name="action"
            defaultValue={query.action ?? ""}
            placeholder="e.g. auth.sign-in"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-outcome">Outcome</Label>
          <NativeSelect id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ""}>
            <option value="">Any</option>
            {auditOutcomeEnum.enumValues.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <Card className="py-0">
        <Table>
          <caption className="sr-only">Audit events</caption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Record</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead className="hidden lg:table-cell">Address</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell className="text-sm tabular whitespace-nowrap">
                  {formatDateTime(row.at, timeZone)}
                </TableCell>
                <TableCell>
                  <div className="text-sm font-medium">
                    {row.actorName ?? row.actorEmail ?? "—"}
                  </div>
                  <div className="text-xs text-muted-foreground">
                    {row.actorRole ? ROLE_NAME[row.actorRole] : "Unknown account"}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{row.action}</TableCell>
                <TableCell className="text-xs">
                  {row.entityType}
                  {row.entityId ? (
                    <span className="block max-w-48 truncate font-mono text-muted-foreground">
                      {row.entityId}
                    </span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <Badge variant={OUTCOME_VARIANT[row.outcome]}>{row.outcome}</Badge>
                </TableCell>
                <TableCell className="hidden font-mono text-xs lg:table-cell">
                  {row.requestAddress ?? "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <div className="mt-4 flex justify-end gap-2">
        {query.before ? (
          <Button asChild variant="outline" size="sm">
            <Link href={withParams(paths.adminAudit(), { ...query, before: undefined })}>
              Newest
            </Link>
          </Button>
        ) : null}
        {page.nextBefore ? (
          <Button asChild variant="outline" size="sm">
            <Link href={withParams(paths.adminAudit(), { ...query, before: page.nextBefore })}>
              Older
            </Link>
          </Button>
        ) : null}
      </div>
    </>
  );
}
