import { KeyRound, Lock } from "lucide-react";
import { AccountStatusDialog } from "@/components/staff/account-status-dialog";
import { ResetPasswordDialog } from "@/components/staff/reset-password-dialog";
import { RoleControl } from "@/components/staff/role-control";
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
import { formatDateTime } from "@/lib/format";
import type { StaffRow } from "@/lib/staff/list-staff";

export function StaffTable({
  staff,
  currentUserId,
  timeZone,
  now,
}: {
  staff: StaffRow[];
  currentUserId: string;
  timeZone: string;
  now: Date;
}): React.JSX.Element {
  return (
    <Card className="py-0">
      <Table>
        <caption className="sr-only">Staff accounts</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="hidden lg:table-cell">Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="hidden xl:table-cell">Last sign-in</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {staff.map((member) => (
            <TableRow key={member.id}>
              <TableCell>
                <div className="font-medium">
                  {member.name}
                  {member.id === currentUserId ? (
                    <span className="ml-1 text-xs font-normal text-muted-foreground">(you)</span>
                  ) : null}
                </div>
                {member.title ? (
                  <div className="text-xs text-muted-foreground">{member.title}</div>
                ) : null}
                {/* On a tablet the email sits under the name, so the actions stay in view. */}
                <div className="text-xs text-muted-foreground lg:hidden">{member.email}</div>
              </TableCell>
              <TableCell className="hidden text-sm lg:table-cell">{member.email}</TableCell>
              <TableCell>
                <RoleControl
                  key={`${member.id}:${member.role}`}
                  member={{ id: member.id, name: member.name, role: member.role }}
                />
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  <StatusBadge member={member} now={now} />
                  {member.active && member.mustChangePassword ? (
                    <Badge variant="outline">
                      <KeyRound aria-hidden="true" />
                      Temporary password
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className="hidden text-sm tabular md:table-cell">
                {member.lastSignInAt ? formatDateTime(member.lastSignInAt, timeZone) : "Never"}
              </TableCell>
              <TableCell>
                <div className="flex justify-end gap-2">
                  <ResetPasswordDialog member={{ id: member.id, name: member.name }} />
                  <AccountStatusDialog
                    member={{ id: member.id, name: member.name, active: member.active }}
                    isSelf={member.id === currentUserId}
                  />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function StatusBadge({ member, now }: { member: StaffRow; now: Date }): React.JSX.Element {
  if (!member.active) return <Badge variant="outline">Deactivated</Badge>;
  if (member.lockedUntil && member.lockedUntil > now) {
    return (
      <Badge variant="warning">
        <Lock aria-hidden="true" />
        Locked
      </Badge>
    );
  }
  return <Badge variant="success">Active</Badge>;
}
