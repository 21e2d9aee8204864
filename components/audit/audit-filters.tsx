import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { auditOutcomeEnum, type AuditOutcome } from "@/db/schema";
import { paths } from "@/lib/paths";
import type { AuditQuery } from "@/lib/staff/audit-schemas";

export const OUTCOME_LABEL = {
  success: "Success",
  denied: "Denied",
  failure: "Failure",
} as const satisfies Record<AuditOutcome, string>;

/** A plain GET form: filtering works without JavaScript and the URL can be shared. */
export function AuditFilters({
  query,
  staff,
  exportHref,
}: {
  query: Partial<AuditQuery>;
  staff: { id: string; name: string }[];
  exportHref: string;
}): React.JSX.Element {
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      action={paths.adminAudit()}
      className="mb-4 grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-8"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="audit-actor">Staff member</Label>
        <NativeSelect id="audit-actor" name="actorId" defaultValue={query.actorId ?? ""}>
          <option value="">Anyone</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Input
          id="audit-action"
          name="action"
          defaultValue={query.action ?? ""}
          placeholder="e.g. auth.sign-in"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-outcome">Outcome</Label>
        <NativeSelect id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ""}>
          <option value="">Any</option>
          {auditOutcomeEnum.enumValues.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-patient">Patient ID</Label>
        <Input
          id="audit-patient"
          name="patientId"
          defaultValue={query.patientId ?? ""}
          placeholder="Paste from the log"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      <Button asChild variant="outline">
        {/* A plain link: the browser downloads the attachment the route answers with. */}
        <a href={exportHref} download>
          <Download aria-hidden="true" />
          Export CSV
        </a>
      </Button>
    </form>
  );
}
