"use client";

import { ClipboardPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AssessmentForm } from "@/components/assessments/assessment-form";
import { Button } from "@/components/ui/button";
import type { InstrumentCode } from "@/lib/clinical/instruments";

/** "Record a scale", opening the item-by-item form; the page re-reads its data after a save. */
export function AssessmentEntry({
  patientId,
  allowedInstruments,
  defaultInstrument,
}: {
  patientId: string;
  allowedInstruments: InstrumentCode[];
  defaultInstrument?: InstrumentCode;
}): React.JSX.Element {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="outline" onClick={() => setOpen(true)}>
        <ClipboardPlus aria-hidden="true" />
        Record a scale
      </Button>
    );
  }
  return (
    <div className="space-y-2 rounded-md border p-3">
      <AssessmentForm
        patientId={patientId}
        allowedInstruments={allowedInstruments}
        defaultInstrument={defaultInstrument}
        // The form stays open after a save so a safety-flag alert it shows stays in view.
        onSaved={() => router.refresh()}
      />
      <Button variant="ghost" onClick={() => setOpen(false)}>
        Close
      </Button>
    </div>
  );
}
