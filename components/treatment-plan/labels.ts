/** Words for the treatment plan's enum values, typed so a new value cannot go unlabelled. */
import type { BadgeProps } from "@/components/ui/badge";
import type { CourseStatus, Paradigm } from "@/lib/api/ops-courses";

export const PARADIGM_LABEL: Readonly<Record<Paradigm, string>> = {
  biochemical: "Biochemical",
  psychotherapeutic: "Psychotherapeutic",
  psychedelic: "Psychedelic",
};

/** How a clinic frames the dose (CLINICAL.md "Paradigms"). */
export const PARADIGM_DESCRIPTION: Readonly<Record<Paradigm, string>> = {
  biochemical: "sub-psychedelic; effects treated as side effects",
  psychotherapeutic: "low dose as an aid to psychotherapy",
  psychedelic: "higher dose aiming at an altered state, with preparation and integration",
};

export const COURSE_STATUS_LABEL: Readonly<Record<CourseStatus, string>> = {
  planned: "Planned",
  active: "Active",
  completed: "Completed",
  discontinued: "Discontinued",
};

export const COURSE_STATUS_VARIANT: Readonly<
  Record<CourseStatus, NonNullable<BadgeProps["variant"]>>
> = {
  planned: "outline",
  active: "default",
  completed: "success",
  discontinued: "secondary",
};
