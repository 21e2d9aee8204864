import { ChevronDown } from "lucide-react";
import { Button } from "@/components/ui/button";

function initials(name: string): string {
  const parts = name
    .replace(/^Dr\.?\s+/i, "")
    .split(/\s+/)
    .filter(Boolean);
  return `${parts[0]?.[0] ?? ""}${parts.at(-1)?.[0] ?? ""}`.toUpperCase();
}

type Props = { name: string; roleLabel: string } & Omit<
  React.ComponentProps<typeof Button>,
  "children" | "asChild"
>;

/** The account button of the header: initials, and name and role on wide screens. */
export function UserMenuButton({ name, roleLabel, ...props }: Props): React.JSX.Element {
  return (
    <Button
      variant="ghost"
      className="h-10 gap-2 px-2"
      // The name holds the visible text (name and role) too, as voice control expects.
      aria-label={`Account menu: ${name}, ${roleLabel}`}
      {...props}
    >
      <span
        aria-hidden="true"
        className="flex size-8 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
      >
        {initials(name)}
      </span>
      <span className="hidden flex-col items-start text-left leading-tight lg:flex">
        <span className="text-sm font-medium">{name}</span>
        <span className="text-xs text-muted-foreground">{roleLabel}</span>
      </span>
      <ChevronDown className="size-4 text-muted-foreground" aria-hidden="true" />
    </Button>
  );
}
