"use client";

import { Clock } from "lucide-react";
import { toast } from "@/components/ui/toast";
import { FormField } from "@/components/registry/form-field";
import { useRegistryWrite } from "@/components/registry/use-registry-write";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ClinicHours } from "@/lib/registry/room-schemas";

/** The clinic's daily opening and closing time, on its own wall clock. */
export function ClinicHoursForm({ hours }: { hours: ClinicHours }): React.JSX.Element {
  const write = useRegistryWrite<ClinicHours>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await write.send("/api/v1/clinic/hours", "PUT", {
      opensAt: String(form.get("opensAt") ?? ""),
      closesAt: String(form.get("closesAt") ?? ""),
      ...(hours.locationId ? { locationId: hours.locationId } : {}),
    });
    if (saved) toast.success(`Clinic hours saved: ${saved.opensAt}–${saved.closesAt}`);
  }

  return (
    <form onSubmit={onSubmit} aria-label="Clinic hours" className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-[repeat(2,minmax(0,12rem))_auto] sm:items-start">
        <FormField id="opensAt" label="Opens at" error={write.error?.fieldMessage("opensAt")}>
          {(a) => <Input {...a} type="time" required defaultValue={hours.opensAt} />}
        </FormField>
        <FormField id="closesAt" label="Closes at" error={write.error?.fieldMessage("closesAt")}>
          {(a) => <Input {...a} type="time" required defaultValue={hours.closesAt} />}
        </FormField>
        <Button type="submit" disabled={write.pending} className="sm:mt-[1.375rem]">
          <Clock aria-hidden="true" />
          Save hours
        </Button>
      </div>
      {write.error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {write.error.message}
        </p>
      ) : null}
    </form>
  );
}
