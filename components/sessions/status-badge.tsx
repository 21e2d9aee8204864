import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { PatientStatus, SessionStatus } from "@/db/schema";
import { PATIENT_STATUS_LABEL, SESSION_STATUS_LABEL } from "@/lib/labels";

const SESSION_VARIANT: Record<SessionStatus, NonNullable<BadgeProps["variant"]>> = {
  scheduled: "outline",
  checked_in: "secondary",
  in_progress: "default",
  completed: "success",
  cancelled: "outline",
  no_show: "warning",
};

export function SessionStatusBadge({ status }: { status: SessionStatus }): React.JSX.Element {
  return (
    <Badge
      variant={SESSION_VARIANT[status]}
      className={status === "cancelled" ? "line-through text-muted-foreground" : undefined}
    >
      {SESSION_STATUS_LABEL[status]}
    </Badge>
  );
}

const PATIENT_VARIANT: Record<PatientStatus, NonNullable<BadgeProps["variant"]>> = {
  intake: "outline",
  screening: "outline",
  active: "default",
  maintenance: "secondary",
  completed: "success",
  discontinued: "outline",
};

export function PatientStatusBadge({ status }: { status: PatientStatus }): React.JSX.Element {
  return <Badge variant={PATIENT_VARIANT[status]}>{PATIENT_STATUS_LABEL[status]}</Badge>;
}
