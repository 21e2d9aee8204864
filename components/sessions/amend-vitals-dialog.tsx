"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { AmendTrigger } from "@/components/sessions/amend-vitals-button";
import { readVitals, VitalsFields, type FieldErrors } from "@/components/sessions/vitals-fields";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { VitalsRow } from "@/lib/api/session-schemas";

/**
 * A correction is a new row with a reason; the original stays visible as superseded. Loaded by
 * <AmendVitalsButton> on the first press, so it mounts already open.
 */
export function AmendVitalsDialog({
  sessionId,
  row,
  defaultOpen = false,
}: {
  sessionId: string;
  row: VitalsRow;
  defaultOpen?: boolean;
}): React.JSX.Element {
  const [open, setOpen] = useState(defaultOpen);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reasonError, setReasonError] = useState<string | null>(null);
  const action = useSessionAction(sessionId);
  const prefix = `amend-${row.id.slice(0, 8)}`;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const { body, errors: found } = readVitals(form, prefix);
    const reason = String(new FormData(form).get(`${prefix}-reason`) ?? "").trim();
    setErrors(found);
    setReasonError(reason.length < 3 ? "Give the reason for the correction." : null);
    if (!body || reason.length < 3) return;
    const ok = await action.run({
      path: `/vitals/${row.id}/amend`,
      body: { ...body, reason },
      success: "Correction saved; the original stays visible as superseded",
    });
    if (ok) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <AmendTrigger row={row} />
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Correct a vitals entry</DialogTitle>
          <DialogDescription>
            The original reading ({row.systolic}/{row.diastolic} mmHg, HR {row.heartRate}) stays in
            the record, marked as superseded by this correction.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Correction">
          <VitalsFields
            idPrefix={prefix}
            errors={errors}
            defaults={{
              systolic: row.systolic,
              diastolic: row.diastolic,
              heartRate: row.heartRate,
              spo2: row.spo2,
              respiratoryRate: row.respiratoryRate,
              temperatureC: row.temperatureC,
              sedationMoaas: row.sedationMoaas,
            }}
          />
          <div className="grid gap-1.5">
            <Label htmlFor={`${prefix}-reason`}>Reason for the correction</Label>
            <textarea
              id={`${prefix}-reason`}
              name={`${prefix}-reason`}
              rows={2}
              aria-invalid={reasonError ? true : undefined}
              className="rounded-md border border-input bg-background px-3 py-2 text-base md:text-sm"
            />
            {reasonError ? <p className="text-xs text-destructive">{reasonError}</p> : null}
          </div>
          <ActionError error={action.error} />
          <DialogFooter>
            <Button type="submit" disabled={action.pending}>
              Save correction
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
