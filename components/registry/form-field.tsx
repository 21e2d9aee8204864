import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** What a control needs to be announced with its hint and its error. */
export type FieldA11y = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

/**
 * A labelled form field with an optional hint and the server's message for it. The control is
 * rendered by `children` with the ids it must carry, so hint and error are read out with it.
 */
export function FormField({
  id,
  name = id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  children: (a11y: FieldA11y) => React.ReactNode;
}): React.JSX.Element {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        name,
        ...(error ? { "aria-invalid": true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
