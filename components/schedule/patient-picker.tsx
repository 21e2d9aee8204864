"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  patientSearchSchema,
  problemMessage,
  scheduleRequest,
  type PatientChoice,
} from "@/components/schedule/schedule-api";
import { withParams } from "@/lib/search-params";

const SEARCH_DELAY_MS = 250;
const MIN_QUERY_LENGTH = 2;
const RESULTS = 10;

function useDebounced(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Find a patient by name or MRN among all of the clinic's patients. */
export function PatientPicker({
  value,
  onChange,
}: {
  value: PatientChoice | null;
  onChange: (patient: PatientChoice | null) => void;
}): React.JSX.Element {
  const id = useId();
  const [query, setQuery] = useState("");
  const term = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const search = useQuery({
    queryKey: ["schedule", "patient-search", term],
    queryFn: () =>
      scheduleRequest(
        withParams("/api/v1/patients", { query: term, scope: "all", pageSize: RESULTS }),
        patientSearchSchema,
      ),
    enabled: value === null && term.length >= MIN_QUERY_LENGTH,
    staleTime: 30_000,
  });

  if (value) {
    return (
      <div className="grid content-start gap-1.5">
        <span className="text-sm font-medium" id={`${id}-label`}>
          Patient
        </span>
        <div
          className="flex items-center justify-between gap-3 rounded-md border bg-muted/40 px-3 py-2"
          aria-labelledby={`${id}-label`}
          role="group"
        >
          <div className="min-w-0">
            <p className="truncate font-medium">{value.name}</p>
            <p className="font-mono text-xs text-muted-foreground">{value.mrn}</p>
          </div>
          <Button size="sm" variant="outline" onClick={() => onChange(null)}>
            Change patient
          </Button>
        </div>
      </div>
    );
  }

  const status =
    term.length < MIN_QUERY_LENGTH
      ? "Type at least two letters of the name, or the MRN."
      : search.isPending
        ? "Searching…"
        : search.isError
          ? problemMessage(search.error, "The patient search failed. Try again.")
          : search.data.items.length === 0
            ? `No patient matches “${term}”.`
            : `${search.data.items.length} found — choose one.`;

  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={`${id}-search`}>Patient</Label>
      <div className="relative">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          id={`${id}-search`}
          type="search"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Name or MRN"
          aria-describedby={`${id}-status`}
          className="pl-9"
        />
      </div>
      <p id={`${id}-status`} aria-live="polite" className="text-xs text-muted-foreground">
        {status}
      </p>
      {search.data && search.data.items.length > 0 && term.length >= MIN_QUERY_LENGTH ? (
        <ul aria-label="Matching patients" className="max-h-48 overflow-y-auto rounded-md border">
          {search.data.items.map((p) => (
            <li key={p.id} className="border-b last:border-b-0">
              <button
                type="button"
                onClick={() => onChange(p)}
                className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-accent focus-visible:bg-accent"
              >
                <span className="font-medium">{p.name}</span>
                <span className="font-mono text-xs text-muted-foreground">{p.mrn}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
