import { Search } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { patientStatusEnum } from "@/db/schema";
import { PATIENT_STATUS_LABEL } from "@/lib/labels";
import type { CaseloadQuery } from "@/lib/patients/caseload-query";
import { paths } from "@/lib/paths";
import { withParams } from "@/lib/search-params";
import { cn } from "@/lib/utils";

export function ScopeToggle({
  scope,
  query,
}: {
  scope: "mine" | "all";
  query: CaseloadQuery;
}): React.JSX.Element {
  return (
    <div role="group" aria-label="Whose patients" className="flex rounded-md border p-0.5">
      {(["mine", "all"] as const).map((value) => (
        <Link
          key={value}
          href={withParams(paths.patients(), {
            scope: value,
            query: query.query,
            status: query.status,
          })}
          aria-current={scope === value ? "true" : undefined}
          className={cn(
            "inline-flex h-9 items-center rounded px-3 text-sm font-medium text-muted-foreground hover:text-foreground",
            scope === value && "bg-secondary text-secondary-foreground",
          )}
        >
          {value === "mine" ? "My patients" : "All patients"}
        </Link>
      ))}
    </div>
  );
}

/** A plain GET form: filtering works from the keyboard, without JavaScript, and is linkable. */
export function CaseloadFilters({
  query,
  clinical,
}: {
  query: CaseloadQuery;
  clinical: boolean;
}): React.JSX.Element {
  return (
    <form role="search" action={paths.patients()} className="mb-4 flex flex-wrap items-end gap-3">
      {query.scope ? <input type="hidden" name="scope" value={query.scope} /> : null}
      <div className="grid min-w-56 flex-1 gap-1.5">
        <Label htmlFor="patient-search">Search by name or MRN</Label>
        <Input
          id="patient-search"
          name="query"
          type="search"
          defaultValue={query.query ?? ""}
          placeholder="e.g. Okafor or KP-000123"
          autoComplete="off"
        />
      </div>
      <div className="grid w-44 gap-1.5">
        <Label htmlFor="patient-status">Status</Label>
        <NativeSelect id="patient-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">Any status</option>
          {patientStatusEnum.enumValues.map((status) => (
            <option key={status} value={status}>
              {PATIENT_STATUS_LABEL[status]}
            </option>
          ))}
        </NativeSelect>
      </div>
      {clinical ? (
        <>
          <div className="grid w-44 gap-1.5">
            <Label htmlFor="patient-flag">Safety flag</Label>
            <NativeSelect id="patient-flag" name="flag" defaultValue={query.flag ?? ""}>
              <option value="">Any</option>
              <option value="suicidal-ideation">Suicidal ideation</option>
              <option value="suicide-risk">Suicide risk (C-SSRS)</option>
            </NativeSelect>
          </div>
          <div className="flex h-10 items-center gap-2">
            <input
              id="patient-not-responding"
              type="checkbox"
              name="progress"
              value="not-responding"
              defaultChecked={query.progress === "not-responding"}
              className="size-5 accent-primary"
            />
            <Label htmlFor="patient-not-responding">Not responding after 4+ sessions</Label>
          </div>
        </>
      ) : null}
      <div className="grid w-40 gap-1.5">
        <Label htmlFor="patient-sort">Sort by</Label>
        <NativeSelect id="patient-sort" name="sort" defaultValue={query.sort ?? "name"}>
          <option value="name">Name</option>
          <option value="mrn">MRN</option>
          <option value="next-session">Next session</option>
          <option value="status">Status</option>
        </NativeSelect>
      </div>
      <Button type="submit" variant="secondary">
        <Search aria-hidden="true" />
        Search
      </Button>
    </form>
  );
}
