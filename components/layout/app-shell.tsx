import Link from "next/link";
import { Logo } from "@/components/layout/logo";
import { NavLinks, type NavItem } from "@/components/layout/nav-links";
import { UserMenu } from "@/components/layout/user-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { CurrentUser } from "@/lib/auth/current-user";
import { canOpenPage, type AppPath } from "@/lib/auth/permissions";
import { ROLE_NAME } from "@/lib/labels";
import { paths } from "@/lib/paths";

const NAV: { page: AppPath; label: string; icon: NavItem["icon"] }[] = [
  { page: "/today", label: "Today", icon: "today" },
  { page: "/patients", label: "Patients", icon: "patients" },
  { page: "/monitor", label: "Monitor", icon: "monitor" },
  { page: "/outcomes", label: "Outcomes", icon: "outcomes" },
  { page: "/schedule", label: "Schedule", icon: "schedule" },
  { page: "/admin/rooms", label: "Rooms", icon: "rooms" },
  { page: "/admin/users", label: "Staff", icon: "staff" },
  { page: "/admin/audit", label: "Audit log", icon: "audit" },
];

/** Each role's navigation, in the order that role works; admins start from the schedule. */
function navFor(user: CurrentUser): NavItem[] {
  const allowed = NAV.filter((item) => canOpenPage(user.role, item.page));
  const ordered =
    user.role === "admin"
      ? [...allowed].sort((a, b) => Number(b.page === "/schedule") - Number(a.page === "/schedule"))
      : user.role === "psychiatrist"
        ? [...allowed].sort(
            (a, b) => Number(b.page === "/patients") - Number(a.page === "/patients"),
          )
        : allowed;
  return ordered.map(({ page, label, icon }) => ({ href: page, label, icon }));
}

export function AppShell({
  user,
  children,
}: {
  user: CurrentUser;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 print:hidden z-40 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 md:gap-6 md:px-6">
          <Link
            href={paths.home()}
            className="rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <Logo />
          </Link>
          <nav aria-label="Main" className="min-w-0 flex-1">
            <NavLinks items={navFor(user)} />
          </nav>
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <UserMenu
              name={user.name}
              email={user.email}
              roleLabel={ROLE_NAME[user.role]}
              accountHref={paths.account()}
            />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-6">
        {children}
      </main>
    </div>
  );
}
