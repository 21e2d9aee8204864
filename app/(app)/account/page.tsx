import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/auth/current-user";
import { ROLE_NAME } from "@/lib/labels";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/account");
  return (
    <>
      <PageHeader title="My account" />
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Your details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-3 text-sm">
            <dt className="text-muted-foreground">Name</dt>
            <dd className="font-medium">{user.name}</dd>
            <dt className="text-muted-foreground">Email</dt>
            <dd>{user.email}</dd>
            <dt className="text-muted-foreground">Role</dt>
            <dd>{ROLE_NAME[user.role]}</dd>
            {user.title ? (
              <>
                <dt className="text-muted-foreground">Title</dt>
                <dd>{user.title}</dd>
              </>
            ) : null}
          </dl>
        </CardContent>
      </Card>
    </>
  );
}
