import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Clock } from "lucide-react";
import { LoginForm } from "@/components/auth/login-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Logo } from "@/components/layout/logo";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { getCurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { safeReturnPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props): Promise<React.JSX.Element> {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const demo = config().engine === "pglite";

  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <Logo className="text-2xl" />
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>
            <h1 className="text-xl">Sign in</h1>
          </CardTitle>
          <CardDescription>Use your clinic staff account.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {params.reason === "idle" ? (
            <Alert role="status">
              <Clock aria-hidden="true" />
              <AlertDescription>
                You were signed out after 15 minutes without activity, to keep patient information
                private. Sign in to continue.
              </AlertDescription>
            </Alert>
          ) : null}
          <LoginForm returnTo={returnTo} />
        </CardContent>
      </Card>
      {demo ? (
        <aside
          aria-labelledby="demo-accounts"
          className="w-full max-w-sm rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground"
        >
          <h2 id="demo-accounts" className="mb-1 font-medium text-foreground">
            Demo clinic accounts
          </h2>
          <p>
            psychiatrist@demo.kapstone.test, nurse@demo.kapstone.test or admin@demo.kapstone.test,
            password <span className="font-mono text-foreground">Kapstone-demo-1</span>
          </p>
        </aside>
      ) : null}
    </div>
  );
}
