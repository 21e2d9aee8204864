"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { VitalsBody } from "@/lib/api/session-schemas";
import { validateVitals, type VitalsInput } from "@/lib/clinical/vitals";
import { cn } from "@/lib/utils";

export type VitalsFieldName =
  | "systolic"
  | "diastolic"
  | "heartRate"
  | "spo2"
  | "respiratoryRate"
  | "temperatureC"
  | "sedationMoaas";

type FieldSpec = {
  name: VitalsFieldName;
  label: string;
  unit: string;
  required: boolean;
  decimal: boolean;
};

export const VITALS_FIELDS: readonly FieldSpec[] = [
  { name: "systolic", label: "Systolic", unit: "mmHg", required: true, decimal: false },
  { name: "diastolic", label: "Diastolic", unit: "mmHg", required: true, decimal: false },
  { name: "heartRate", label: "Heart rate", unit: "bpm", required: true, decimal: false },
  { name: "spo2", label: "SpO2", unit: "%", required: false, decimal: false },
  { name: "respiratoryRate", label: "Resp. rate", unit: "/min", required: false, decimal: false },
  { name: "temperatureC", label: "Temp", unit: "°C", required: false, decimal: true },
  { name: "sedationMoaas", label: "MOAA/S", unit: "0–5", required: false, decimal: false },
];

export type FieldErrors = Partial<Record<VitalsFieldName | "form", string>>;

/**
 * Reads the vitals inputs of a form. Empty optional fields are null; the plausibility rules
 * are the same pure functions the server enforces, so an entry error is caught before it is
 * queued, with a message naming the field.
 */
export function readVitals(
  form: HTMLFormElement,
  idPrefix: string,
): { body: VitalsBody | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const values: Partial<Record<VitalsFieldName, number | null>> = {};
  for (const spec of VITALS_FIELDS) {
    const el = form.elements.namedItem(`${idPrefix}-${spec.name}`);
    const raw = el instanceof HTMLInputElement ? el.value.trim() : "";
    if (raw === "") {
      if (spec.required) errors[spec.name] = `${spec.label} is required.`;
      values[spec.name] = null;
      continue;
    }
    const value = Number(raw.replace(",", "."));
    if (!Number.isFinite(value)) {
      errors[spec.name] = `${spec.label} must be a number.`;
      continue;
    }
    values[spec.name] = value;
  }
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const input: VitalsInput = {
    systolic: values.systolic ?? 0,
    diastolic: values.diastolic ?? 0,
    heartRate: values.heartRate ?? 0,
    spo2: values.spo2 ?? null,
    respiratoryRate: values.respiratoryRate ?? null,
    temperatureC: values.temperatureC ?? null,
    moaas: values.sedationMoaas ?? null,
  };
  for (const problem of validateVitals(input)) {
    const field: VitalsFieldName = problem.field === "moaas" ? "sedationMoaas" : problem.field;
    errors[field] ??= problem.message;
  }
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      systolic: input.systolic,
      diastolic: input.diastolic,
      heartRate: input.heartRate,
      spo2: input.spo2,
      respiratoryRate: input.respiratoryRate,
      temperatureC: input.temperatureC,
      sedationMoaas: input.moaas,
    },
    errors,
  };
}

/** The seven labelled inputs, compact enough for one row on a tablet. */
export function VitalsFields({
  idPrefix,
  errors,
  defaults,
  firstFieldRef,
}: {
  idPrefix: string;
  errors: FieldErrors;
  defaults?: Partial<Record<VitalsFieldName, number | null>>;
  firstFieldRef?: React.Ref<HTMLInputElement>;
}): React.JSX.Element {
  return (
    <div className="grid grid-cols-4 gap-3 lg:grid-cols-7">
      {VITALS_FIELDS.map((spec, index) => {
        const id = `${idPrefix}-${spec.name}`;
        const error = errors[spec.name];
        const fallback = defaults?.[spec.name];
        return (
          <div key={spec.name} className="grid content-start gap-1">
            <Label htmlFor={id} className="text-xs whitespace-nowrap">
              {spec.label}{" "}
              <span className="font-normal text-muted-foreground">
                {spec.unit}
                {spec.required ? "" : " (opt.)"}
              </span>
            </Label>
            <Input
              ref={index === 0 ? firstFieldRef : undefined}
              id={id}
              name={id}
              inputMode={spec.decimal ? "decimal" : "numeric"}
              autoComplete="off"
              enterKeyHint={index === VITALS_FIELDS.length - 1 ? "done" : "next"}
              defaultValue={fallback === null || fallback === undefined ? "" : String(fallback)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className={cn("tabular text-base", error && "border-destructive")}
            />
            {error ? (
              <p id={`${id}-error`} className="text-xs text-destructive">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
