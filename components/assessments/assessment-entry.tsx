"use client";

import { ClipboardPlus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormLoading } from "@/components/ui/form-loading";
import type { InstrumentCode } from "@/lib/clinical/instruments";

// The item-by-item form and every instrument's wording load on the first "Record a scale"
// (pointing at or focusing the button starts the load), not with the patient page.
const loadForm = () => import("@/components/assessments/assessment-form");
const AssessmentForm = dynamic(() => loadForm().then((m) => m.AssessmentForm), {
  loading: () => <FormLoading label="Loading the scale form" />,
});
const preloadForm = (): void => {
  void loadForm().catch(() => {
    // Offline: opening the form tries again.
  });
};

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
      <Button
        variant="outline"
        onClick={() => setOpen(true)}
        onPointerEnter={preloadForm}
        onFocus={preloadForm}
      >
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
