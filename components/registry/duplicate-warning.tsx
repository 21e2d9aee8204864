"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/lib/paths";

export type LikelyDuplicate = {
  mrn: string;
  patientId: string | null;
  name: string;
  dateOfBirth: string;
};

/** A birth date as the front desk reads it ("Jun 14, 1981"), the same on server and browser. */
function formatBirthDate(isoDate: string): string {
  const at = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDate;
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(at);
}

/**
 * The same name and date of birth are already registered: usually the same person (open their
 * record), sometimes a namesake (register anyway, which is audited as a confirmed duplicate).
 */
export function DuplicateWarning({
  duplicate,
  pending,
  onConfirm,
  onCancel,
}: {
  duplicate: LikelyDuplicate;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  return (
    <Alert variant="warning" role="alert">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>Possible duplicate</AlertTitle>
      <AlertDescription>
        <p>
          A patient named {duplicate.name} born {formatBirthDate(duplicate.dateOfBirth)} already
          exists (MRN {duplicate.mrn}). Register anyway?
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button type="button" onClick={onConfirm} disabled={pending}>
            Register anyway
          </Button>
          {duplicate.patientId ? (
            <Button asChild variant="outline">
              <Link href={paths.patient(duplicate.patientId)}>Open MRN {duplicate.mrn}</Link>
            </Button>
          ) : null}
          <Button type="button" variant="ghost" onClick={onCancel}>
            Keep editing
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
