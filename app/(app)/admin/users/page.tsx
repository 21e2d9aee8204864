import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { ROLE_NAME } from "@/lib/labels";
import { listStaff } from "@/lib/staff/list-staff";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/admin/users");
  const staff = await listStaff(await getDb(), { ...user, requestAddress: await requestAddress() });
  const timeZone = config().clinicTimeZone;
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Staff accounts"
        description={`${staff.filter((s) => s.active).length} active accounts`}
      />
      <Card className="py-0">
        <Table>
          <caption className="sr-only">Staff accounts</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Last sign-in</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {staff.map((member) => (
              <TableRow key={member.id}>
                <TableCell className="font-medium">
                  {member.name}
                  {member.title ? (
                    <span className="ml-1 text-xs text-muted-foreground">{member.title}</span>
                  ) : null}
                </TableCell>
                <TableCell className="text-sm">{member.email}</TableCell>
                <TableCell>{ROLE_NAME[member.role]}</TableCell>
                <TableCell>
                  {!member.active ? (
                    <Badge variant="outline">Deactivated</Badge>
                  ) : member.lockedUntil && member.lockedUntil > now ? (
                    <Badge variant="warning">
                      <Lock aria-hidden="true" />
                      Locked
                    </Badge>
                  ) : (
                    <Badge variant="success">Active</Badge>
                  )}
                </TableCell>
                <TableCell className="hidden text-sm tabular md:table-cell">
                  {member.lastSignInAt ? formatDateTime(member.lastSignInAt, timeZone) : "Never"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
