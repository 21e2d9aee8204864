import { cn } from "@/lib/utils";

export function Logo({ className }: { className?: string }): React.JSX.Element {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-primary" />
        <path
          d="M10 8v16M10 16l9-8M13.5 13l6.5 11"
          className="stroke-primary-foreground"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
          fill="none"
        />
      </svg>
      <span>Kapstone</span>
    </span>
  );
}
