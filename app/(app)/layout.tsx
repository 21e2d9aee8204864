import { redirect } from "next/navigation";
import { IdleGuard } from "@/components/auth/idle-guard";
import { AppShell } from "@/components/layout/app-shell";
import { getCurrentUser } from "@/lib/auth/current-user";
import { paths } from "@/lib/paths";

export default async function AppLayout({
  children,
}: {
  children: React.ReactNode;
}): Promise<React.JSX.Element> {
  const user = await getCurrentUser();
  if (!user) redirect(paths.login());
  return (
    <AppShell user={user}>
      {children}
      <IdleGuard />
    </AppShell>
  );
}
