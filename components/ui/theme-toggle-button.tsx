import { MoonIcon, SunIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type ThemeToggleProps = Omit<React.ComponentProps<typeof Button>, "children" | "asChild">;

/**
 * The icon button (accessible name "Toggle theme"). The icon swaps via the `dark:` variant, so
 * server and client markup match (no hydration flash).
 */
export function ThemeToggleButton({
  variant = "ghost",
  size = "icon",
  className,
  ...props
}: ThemeToggleProps): React.JSX.Element {
  return (
    <Button
      variant={variant}
      size={size}
      aria-label="Toggle theme"
      data-slot="theme-toggle"
      className={cn("relative", className)}
      {...props}
    >
      <SunIcon
        className="size-5 scale-100 rotate-0 transition-transform dark:scale-0 dark:-rotate-90"
        aria-hidden="true"
      />
      <MoonIcon
        className="absolute size-5 scale-0 rotate-90 transition-transform dark:scale-100 dark:rotate-0"
        aria-hidden="true"
      />
    </Button>
  );
}
