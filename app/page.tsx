import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { paths } from "@/lib/paths";

export default async function Home(): Promise<never> {
  const user = await getCurrentUser();
  redirect(user ? ROLE_HOME[user.role] : paths.login());
}
