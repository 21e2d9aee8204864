"use client";

import { lazy, Suspense } from "react";
import type { AccountMenuProps } from "@/components/layout/account-menu";
import { UserMenuButton } from "@/components/layout/user-menu-button";
import { useMenuOnDemand } from "@/components/ui/menu-on-demand";

const loadMenu = () => import("@/components/layout/account-menu");
const AccountMenu = lazy(() => loadMenu().then((m) => ({ default: m.AccountMenu })));

/** The signed-in user's menu: their account page and sign-out. */
export function UserMenu(props: AccountMenuProps): React.JSX.Element {
  const { wanted, triggerProps } = useMenuOnDemand(loadMenu);
  const placeholder = (
    <UserMenuButton name={props.name} roleLabel={props.roleLabel} {...triggerProps} />
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <AccountMenu {...props} />
    </Suspense>
  );
}
