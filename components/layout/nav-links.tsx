"use client";

import {
  Activity,
  CalendarDays,
  ChartColumn,
  ClipboardList,
  DoorOpen,
  ScrollText,
  UserCog,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const ICONS = {
  patients: Users,
  today: ClipboardList,
  schedule: CalendarDays,
  staff: UserCog,
  audit: ScrollText,
  monitor: Activity,
  rooms: DoorOpen,
  outcomes: ChartColumn,
} as const;

export type NavItem = { href: string; label: string; icon: keyof typeof ICONS };

export function NavLinks({ items }: { items: NavItem[] }): React.JSX.Element {
  const pathname = usePathname();
  return (
    <ul className="flex items-center gap-1 overflow-x-auto">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              title={item.label}
              aria-current={active ? "page" : undefined}
              className={cn(
                "inline-flex h-10 items-center gap-2 rounded-md px-3 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                active && "bg-secondary text-secondary-foreground",
              )}
            >
              <Icon className="size-4" aria-hidden="true" />
              {/* Icons only on a tablet, so every destination fits one row; the name stays for screen readers. */}
              <span className="sr-only lg:not-sr-only">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
