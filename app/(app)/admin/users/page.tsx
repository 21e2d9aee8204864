import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { AddStaffDialog } from "@/components/staff/add-staff-dialog";
import { StaffTable } from "@/components/staff/staff-table";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { listStaff } from "@/lib/staff/list-staff";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/admin/users");
  const staff = await listStaff(await getDb(), { ...user, requestAddress: await requestAddress() });
  const active = staff.filter((s) => s.active).length;
  return (
    <>
      <PageHeader
        title="Staff accounts"
        description={`${active} active ${active === 1 ? "account" : "accounts"}. A deactivated account is refused at once; its history stays.`}
        actions={<AddStaffDialog />}
      />
      <StaffTable
        staff={staff}
        currentUserId={user.id}
        timeZone={config().clinicTimeZone}
        now={new Date()}
      />
    </>
  );
}
