import { Check } from "lucide-react";
import type { SessionStage } from "@/lib/api/session-schemas";
import { cn } from "@/lib/utils";

const STEPS: { stage: SessionStage; label: string }[] = [
  { stage: "check-in", label: "Check in" },
  { stage: "pre-dose", label: "Pre-dose check" },
  { stage: "dose", label: "Dose" },
  { stage: "monitoring", label: "Monitoring" },
  { stage: "completed", label: "Discharged" },
];

export function StageStepper({
  stage,
  dosing,
}: {
  stage: SessionStage;
  dosing: boolean;
}): React.JSX.Element {
  const steps = dosing
    ? STEPS
    : STEPS.filter(
        (s) => s.stage === "check-in" || s.stage === "monitoring" || s.stage === "completed",
      );
  const current = steps.findIndex((s) => s.stage === stage);
  return (
    <ol aria-label="Session stages" className="flex flex-wrap gap-2">
      {steps.map((step, index) => {
        const done = stage === "completed" || (current >= 0 && index < current);
        const active = index === current && stage !== "completed";
        return (
          <li
            key={step.stage}
            aria-current={active ? "step" : undefined}
            className={cn(
              "inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm",
              active && "border-primary bg-primary text-primary-foreground",
              done && "border-transparent bg-secondary text-secondary-foreground",
              !active && !done && "text-muted-foreground",
            )}
          >
            <span
              aria-hidden="true"
              className="flex size-5 items-center justify-center rounded-full border text-xs"
            >
              {done ? <Check className="size-3" /> : index + 1}
            </span>
            {step.label}
            {done ? <span className="sr-only">(done)</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
