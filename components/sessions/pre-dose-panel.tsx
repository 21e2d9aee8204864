"use client";

import { CircleCheck, OctagonAlert, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";

/** The pre-dose blood-pressure guidance, and the psychiatrist's recorded decision on it. */
export function PreDoseGuidance({
  detail,
  canReview,
}: {
  detail: SessionDetail;
  canReview: boolean;
}): React.JSX.Element | null {
  const action = useSessionAction(detail.id);
  const [reason, setReason] = useState("");
  const { preDose } = detail;
  if (preDose.status === "pending") return null;
  if (preDose.status === "ok") {
    return (
      <Alert variant="success" role="status">
        <CircleCheck aria-hidden="true" />
        <AlertTitle>Pre-dose blood pressure within guidance</AlertTitle>
        <AlertDescription>{preDose.message}</AlertDescription>
      </Alert>
    );
  }
  const hold = preDose.status === "hold";
  return (
    <Alert variant={hold ? "destructive" : "warning"} role="status">
      {hold ? <OctagonAlert aria-hidden="true" /> : <TriangleAlert aria-hidden="true" />}
      <AlertTitle>
        {hold
          ? "Dose held: blood pressure at or above 160/100"
          : "Re-check before dosing: above 140/90"}
      </AlertTitle>
      <AlertDescription className="space-y-2">
        <p>{preDose.message}</p>
        {preDose.review ? (
          <p className="font-medium wrap-anywhere">
            {preDose.review.decision === "override" ? "Override" : "Acknowledged"} by{" "}
            {preDose.review.reviewedByName}
            {preDose.review.reason ? `: ${preDose.review.reason}` : ""}
          </p>
        ) : canReview ? (
          <form
            aria-label="Psychiatrist review"
            className="space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              void action.run({
                path: "/pre-dose-review",
                body: hold
                  ? { decision: "override", reason }
                  : { decision: "acknowledged", reason: reason || null },
                success: hold ? "Override recorded" : "Acknowledgement recorded",
              });
            }}
          >
            <div className="grid gap-1.5">
              <Label htmlFor="review-reason">
                {hold ? "Reason to override the hold (required)" : "Note (optional)"}
              </Label>
              <textarea
                id="review-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required={hold}
                className="rounded-md border border-input bg-background px-3 py-2 text-base text-foreground md:text-sm"
              />
            </div>
            <ActionError error={action.error} />
            <Button
              type="submit"
              variant={hold ? "destructive" : "default"}
              disabled={action.pending}
            >
              {hold ? "Override and allow the dose" : "Acknowledge and allow the dose"}
            </Button>
          </form>
        ) : (
          <p>
            A psychiatrist must{" "}
            {hold ? "record an override with a reason" : "acknowledge this reading"} before the dose
            {detail.psychiatrist ? ` — ask ${detail.psychiatrist.name}` : ""}. Re-check the blood
            pressure meanwhile.
          </p>
        )}
      </AlertDescription>
    </Alert>
  );
}
