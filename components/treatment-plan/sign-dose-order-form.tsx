"use client";

import { PenLine, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  clinicToday,
  parseDecimal,
  usePlanAction,
} from "@/components/treatment-plan/use-plan-action";
import type { CourseWithOrders } from "@/lib/api/ops-courses";
import {
  checkDoseOrder,
  orderedMgAtWeight,
  PROTOCOL_DOSE_BASIS,
  type DoseOrderField,
} from "@/lib/clinical/dose-order-rules";
import { CLINICAL_THRESHOLDS } from "@/lib/clinical/thresholds";

const RULES = CLINICAL_THRESHOLDS.doseOrders;
const ESKETAMINE_DOSES_MG = [
  ...RULES.esketamine.withReasonDosesMg,
  ...RULES.esketamine.usualDosesMg,
].sort((a, b) => a - b);

type Field = DoseOrderField | "validFrom" | "validUntil";

function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The psychiatrist signs a dose order. The fields follow the course's protocol; the rules run
 * as the dose is typed, and a dose outside the usual range asks for confirmation with a reason
 * before anything is sent (the server applies the same rules).
 */
export function SignDoseOrderForm({
  course,
  weightKg,
  timeZone,
  onDone,
}: {
  course: CourseWithOrders;
  weightKg: number | null;
  timeZone: string;
  onDone: () => void;
}): React.JSX.Element {
  const id = (name: string): string => `order-${course.id}-${name}`;
  const protocol = course.protocol;
  const weightBased = PROTOCOL_DOSE_BASIS[protocol] === "mgPerKg";
  const esketamine = protocol === "intranasal_esketamine";
  const iv = protocol === "iv_ketamine";
  // Orders are listed newest first: the current dose is the usual starting point.
  const latest = course.orders[0];
  const action = usePlanAction(`/api/v1/courses/${course.id}/dose-orders`, "Dose order signed");
  const [perKg, setPerKg] = useState(latest?.doseMgPerKg?.toString() ?? "");
  const [mg, setMg] = useState(
    latest?.doseMg?.toString() ?? (esketamine ? String(RULES.esketamine.usualDosesMg[0]) : ""),
  );
  const [minutes, setMinutes] = useState(
    String(
      latest?.infusionMinutes ?? CLINICAL_THRESHOLDS.timepoints.ivInfusion.defaultInfusionMinutes,
    ),
  );
  const [validFrom] = useState(() => {
    const today = clinicToday(timeZone);
    const earliest = latest && latest.validFrom >= today ? nextDay(latest.validFrom) : today;
    // An order cannot start before its course does.
    return course.startDate > earliest ? course.startDate : earliest;
  });
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");

  const check = checkDoseOrder({
    protocol,
    doseMgPerKg: weightBased ? parseDecimal(perKg) : null,
    doseMg: weightBased ? null : parseDecimal(mg),
    infusionMinutes: iv ? parseDecimal(minutes) : null,
  });
  const problem = (field: Field): string | undefined =>
    (attempted ? check.problems.find((p) => p.field === field)?.message : undefined) ??
    action.error?.fieldMessage(field);
  const invalid = (field: Field): { "aria-invalid"?: true; "aria-describedby"?: string } =>
    problem(field) ? { "aria-invalid": true, "aria-describedby": id(`${field}-error`) } : {};
  const fieldError = (field: Field): React.ReactNode =>
    problem(field) ? (
      <p id={id(`${field}-error`)} className="text-xs text-destructive">
        {problem(field)}
      </p>
    ) : null;

  const perKgValue = parseDecimal(perKg);
  const mgValue = parseDecimal(mg);
  const liveDose = weightBased
    ? perKgValue !== null && perKgValue > 0
      ? (() => {
          const atWeight = orderedMgAtWeight(perKgValue, weightKg);
          return atWeight === null
            ? "No weight on file: the mg is worked out at the chair."
            : `= ${atWeight} mg at ${weightKg} kg`;
        })()
      : null
    : mgValue !== null && mgValue > 0 && weightKg
      ? `= ${(mgValue / weightKg).toFixed(2)} mg/kg at ${weightKg} kg`
      : null;

  const changeDose = (set: (value: string) => void) => (value: string) => {
    set(value);
    setConfirming(false);
    action.reset();
  };

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setAttempted(true);
    if (check.problems.length > 0) return;
    if (check.needsConfirmation && !confirming) {
      setConfirming(true);
      return;
    }
    const form = new FormData(event.currentTarget);
    const until = String(form.get("validUntil") ?? "");
    const ok = await action.run({
      doseMgPerKg: weightBased ? perKgValue : undefined,
      doseMg: weightBased ? undefined : mgValue,
      infusionMinutes: iv ? parseDecimal(minutes) : undefined,
      validFrom: String(form.get("validFrom") ?? ""),
      validUntil: until === "" ? null : until,
      ...(check.needsConfirmation ? { confirmOutOfRange: true, reason } : {}),
    });
    if (ok) onDone();
  }

  return (
    <form
      id={id("form")}
      onSubmit={onSubmit}
      aria-label="Sign dose order"
      className="space-y-4 rounded-lg border bg-muted/30 p-4"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {esketamine ? (
          <fieldset className="grid gap-1.5 sm:col-span-2" {...invalid("doseMg")}>
            <legend className="mb-1.5 text-sm font-medium">Dose (28 mg devices)</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {ESKETAMINE_DOSES_MG.map((dose) => {
                const devices = dose / RULES.esketamine.deviceMg;
                const needsReason = !RULES.esketamine.usualDosesMg.includes(dose);
                return (
                  <label key={dose} className="flex min-h-10 items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="doseMg"
                      value={dose}
                      checked={mgValue === dose}
                      onChange={(e) => changeDose(setMg)(e.target.value)}
                      className="size-4 accent-primary"
                    />
                    {dose} mg ({devices} device{devices === 1 ? "" : "s"})
                    {needsReason ? (
                      <span className="text-muted-foreground">— needs a reason</span>
                    ) : null}
                  </label>
                );
              })}
            </div>
            {fieldError("doseMg")}
          </fieldset>
        ) : (
          <div className="grid gap-1.5">
            <Label htmlFor={id(weightBased ? "doseMgPerKg" : "doseMg")}>
              {weightBased ? "Dose (mg/kg)" : "Dose (mg)"}
            </Label>
            <Input
              id={id(weightBased ? "doseMgPerKg" : "doseMg")}
              inputMode="decimal"
              autoComplete="off"
              value={weightBased ? perKg : mg}
              onChange={(e) => changeDose(weightBased ? setPerKg : setMg)(e.target.value)}
              required
              className="tabular"
              {...invalid(weightBased ? "doseMgPerKg" : "doseMg")}
            />
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {liveDose}
            </p>
            {fieldError(weightBased ? "doseMgPerKg" : "doseMg")}
          </div>
        )}
        {iv ? (
          <div className="grid gap-1.5">
            <Label htmlFor={id("infusionMinutes")}>Infusion time (min)</Label>
            <Input
              id={id("infusionMinutes")}
              inputMode="numeric"
              autoComplete="off"
              value={minutes}
              onChange={(e) => changeDose(setMinutes)(e.target.value)}
              required
              className="tabular"
              {...invalid("infusionMinutes")}
            />
            {fieldError("infusionMinutes")}
          </div>
        ) : null}
        <div className="grid gap-1.5">
          <Label htmlFor={id("validFrom")}>Valid from</Label>
          <Input
            id={id("validFrom")}
            name="validFrom"
            type="date"
            defaultValue={validFrom}
            required
            {...invalid("validFrom")}
          />
          {fieldError("validFrom")}
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={id("validUntil")}>Valid until (optional)</Label>
          <Input id={id("validUntil")} name="validUntil" type="date" {...invalid("validUntil")} />
          {fieldError("validUntil")}
        </div>
      </div>
      {check.needsConfirmation && !confirming ? (
        <p className="text-sm text-warning" aria-live="polite">
          {check.warnings.join(" ")} Signing will ask for a reason.
        </p>
      ) : null}
      {confirming ? (
        <Alert variant="warning" role="status">
          <TriangleAlert aria-hidden="true" />
          <AlertTitle>Outside the usual range</AlertTitle>
          <AlertDescription className="space-y-2">
            <p>
              {check.warnings.join(" ")} Confirm with a reason to sign; the reason is kept with the
              order.
            </p>
            <Label htmlFor={id("reason")}>Reason for this dose</Label>
            <textarea
              id={id("reason")}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={500}
              className="w-full rounded-md border border-input bg-background px-3 py-2 text-base text-foreground md:text-sm"
            />
          </AlertDescription>
        </Alert>
      ) : null}
      {action.error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {action.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={action.pending}>
          <PenLine aria-hidden="true" />
          {confirming ? "Confirm and sign" : "Sign order"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
