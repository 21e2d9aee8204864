import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm } from "@/components/staff/change-password-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/auth/current-user";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { ROLE_NAME } from "@/lib/labels";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/account");
  return (
    <>
      <PageHeader title="My account" />
      {user.mustChangePassword ? (
        <Alert variant="warning" className="mb-6 max-w-xl">
          <KeyRound aria-hidden="true" />
          <AlertTitle>Choose your own password to continue</AlertTitle>
          <AlertDescription>
            You signed in with a temporary password. Change it below; the rest of Kapstone opens
            once you have.
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid max-w-xl gap-6">
        <Card>
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
        <Card>
          <CardHeader>
            <CardTitle>
              <h2 className="text-base">Change password</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm
              minLength={PASSWORD_MIN_LENGTH}
              required={user.mustChangePassword}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
