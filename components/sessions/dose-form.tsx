"use client";

import { Syringe, TriangleAlert } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";
import { localInputValue } from "@/lib/datetime-local";

const DEVICE_MG = 28;

function newKey(): string {
  return crypto.randomUUID();
}

export function DoseForm({ detail }: { detail: SessionDetail }): React.JSX.Element {
  const order = detail.order;
  const action = useSessionAction(detail.id);
  const weight = detail.patient.weightKg;
  const [doseMg, setDoseMg] = useState(
    order?.todayDoseMg !== null && order?.todayDoseMg !== undefined
      ? String(order.todayDoseMg)
      : "",
  );
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const keyRef = useRef(newKey());
  const [startDefault] = useState(() => localInputValue(new Date()));
  // The field shows minutes only: unless the nurse changes it, the server stamps the exact time.
  const [startEdited, setStartEdited] = useState(false);
  const esketamine = order?.drug === "esketamine";
  const numericDose = Number(doseMg);
  const perKg = useMemo(
    () => (!esketamine && weight && numericDose > 0 ? (numericDose / weight).toFixed(2) : null),
    [esketamine, weight, numericDose],
  );
  if (!order) {
    return (
      <Alert variant="warning" role="status">
        <TriangleAlert aria-hidden="true" />
        <AlertTitle>No signed dose order</AlertTitle>
        <AlertDescription>
          A psychiatrist must sign a dose order for this course before the dose.
        </AlertDescription>
      </Alert>
    );
  }
  const differs = order.todayDoseMg === null || Math.abs(order.todayDoseMg - numericDose) > 0.5;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!order) return;
    const form = new FormData(event.currentTarget);
    if (differs && !confirming) {
      setConfirming(true);
      return;
    }
    const start = String(form.get("dose-start") ?? "");
    const end = String(form.get("dose-end") ?? "");
    const devices = Number(form.get("dose-devices") ?? 0);
    const ok = await action.run({
      path: "/doses",
      idempotencyKey: keyRef.current,
      success: "Dose recorded — monitoring started",
      body: {
        drug: order.drug,
        route: order.route,
        doseMg: numericDose,
        lot: String(form.get("dose-lot") ?? ""),
        startedAt: start && startEdited ? new Date(start).toISOString() : undefined,
        endedAt: end ? new Date(end).toISOString() : undefined,
        devices: esketamine ? devices : undefined,
        deviationReason: differs ? reason : undefined,
      },
    });
    if (ok) keyRef.current = newKey();
  }

  return (
    <form onSubmit={onSubmit} aria-label="Record the dose" className="space-y-4">
      <h2 className="text-lg font-semibold">Dose</h2>
      <p className="text-sm text-muted-foreground">
        Ordered:{" "}
        {order.drug === "esketamine"
          ? "esketamine intranasal"
          : `ketamine ${order.route.toUpperCase()}`}{" "}
        {order.todayDoseMg !== null ? `${order.todayDoseMg} mg` : ""}
        {order.doseMgPerKg !== null ? ` (${order.doseMgPerKg} mg/kg × ${weight ?? "?"} kg)` : ""}
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <div className="grid gap-1.5">
          <Label htmlFor="dose-mg">Dose (mg)</Label>
          <Input
            id="dose-mg"
            name="dose-mg"
            inputMode="decimal"
            value={doseMg}
            onChange={(e) => {
              setDoseMg(e.target.value);
              setConfirming(false);
            }}
            required
            aria-describedby="dose-mgkg"
            className="tabular"
          />
          <p id="dose-mgkg" className="text-xs text-muted-foreground">
            {esketamine
              ? `${numericDose / DEVICE_MG} device(s) of 28 mg`
              : perKg
                ? `${perKg} mg/kg`
                : "mg/kg needs a weight"}
          </p>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="dose-lot">Lot number</Label>
          <Input id="dose-lot" name="dose-lot" required autoComplete="off" maxLength={40} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="dose-start">Start time</Label>
          <Input
            id="dose-start"
            name="dose-start"
            type="datetime-local"
            defaultValue={startDefault}
            onChange={() => setStartEdited(true)}
            required
          />
        </div>
        {esketamine ? (
          <div className="grid gap-1.5">
            <Label htmlFor="dose-devices">Devices (28 mg)</Label>
            <Input
              id="dose-devices"
              name="dose-devices"
              inputMode="numeric"
              defaultValue={String((order.todayDoseMg ?? 56) / DEVICE_MG)}
              required
            />
          </div>
        ) : order.route === "iv" ? (
          <div className="grid gap-1.5">
            <Label htmlFor="dose-end">Infusion end (optional)</Label>
            <Input id="dose-end" name="dose-end" type="datetime-local" />
          </div>
        ) : null}
      </div>
      {confirming ? (
        <Alert variant="warning" role="status">
          <TriangleAlert aria-hidden="true" />
          <AlertTitle>
            {numericDose} mg differs from the signed order ({order.todayDoseMg ?? "?"} mg)
          </AlertTitle>
          <AlertDescription className="space-y-2">
            <p>
              Confirm with a reason to record it; the dose will be marked as different from the
              order.
            </p>
            <Label htmlFor="dose-reason">Reason for the different dose</Label>
            <textarea
              id="dose-reason"
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              className="w-full rounded-md border border-input bg-background px-3 py-2 text-base text-foreground md:text-sm"
            />
          </AlertDescription>
        </Alert>
      ) : null}
      <ActionError error={action.error} />
      <Button type="submit" disabled={action.pending}>
        <Syringe aria-hidden="true" />
        {confirming ? "Confirm different dose" : "Record dose"}
      </Button>
    </form>
  );
}
