import { KIND_SWATCH_CLASS, SESSION_KINDS } from "@/components/schedule/kind-style";
import { SESSION_KIND_LABEL } from "@/lib/labels";
import { cn } from "@/lib/utils";

/** What the block colours mean; each block also says its kind in words. */
export function KindLegend(): React.JSX.Element {
  return (
    <ul
      aria-label="Kinds of session"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs"
    >
      {SESSION_KINDS.map((kind) => (
        <li key={kind} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cn("size-3 rounded-sm", KIND_SWATCH_CLASS[kind])} />
          {SESSION_KIND_LABEL[kind]}
        </li>
      ))}
      <li className="flex items-center gap-1.5 text-muted-foreground">
        <span
          aria-hidden="true"
          className="size-3 rounded-sm border border-dashed border-muted-foreground bg-muted"
        />
        <span className="line-through">Cancelled</span>
        <span>(kept visible)</span>
      </li>
    </ul>
  );
}
