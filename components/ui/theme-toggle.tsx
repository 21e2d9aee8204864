"use client";

import { lazy, Suspense } from "react";
import { useMenuOnDemand } from "@/components/ui/menu-on-demand";
import { ThemeToggleButton, type ThemeToggleProps } from "@/components/ui/theme-toggle-button";

const loadMenu = () => import("@/components/ui/theme-menu");
const ThemeMenu = lazy(() => loadMenu().then((m) => ({ default: m.ThemeMenu })));

/** Icon button (accessible name "Toggle theme") that opens a menu to pick Light / Dark / System. */
function ThemeToggle(props: ThemeToggleProps): React.JSX.Element {
  const { wanted, triggerProps } = useMenuOnDemand(loadMenu);
  const placeholder = <ThemeToggleButton {...props} {...triggerProps} />;
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <ThemeMenu {...props} />
    </Suspense>
  );
}

export { ThemeToggle, type ThemeToggleProps };
