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
          href={withParams(paths.patients(), { scope: value, q: query.q, status: query.status })}
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
export function CaseloadFilters({ query }: { query: CaseloadQuery }): React.JSX.Element {
  return (
    <form role="search" action={paths.patients()} className="mb-4 flex flex-wrap items-end gap-3">
      {query.scope ? <input type="hidden" name="scope" value={query.scope} /> : null}
      <div className="grid min-w-56 flex-1 gap-1.5">
        <Label htmlFor="patient-search">Search by name or MRN</Label>
        <Input
          id="patient-search"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
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
      <Button type="submit" variant="secondary">
        <Search aria-hidden="true" />
        Search
      </Button>
    </form>
  );
}
