"use client";

import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormLoading } from "@/components/ui/form-loading";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";

// The adverse-event and CADSS forms load when first opened (pointing at or focusing their
// button starts the load): most visits only read the lists.
const loadEntryForms = () => import("@/components/sessions/event-entry-forms");
const AdverseEventForm = dynamic(() => loadEntryForms().then((m) => m.AdverseEventForm), {
  loading: () => <FormLoading label="Loading the adverse event form" />,
});
const CadssForm = dynamic(() => loadEntryForms().then((m) => m.CadssForm), {
  loading: () => <FormLoading label="Loading the CADSS form" />,
});
const preloadEntryForms = (): void => {
  void loadEntryForms().catch(() => {
    // Offline: opening the form tries again.
  });
};

export function AdverseEvents({
  detail,
  canAct,
  timeFormat,
}: {
  detail: SessionDetail;
  canAct: boolean;
  timeFormat: (iso: string) => string;
}): React.JSX.Element {
  const action = useSessionAction(detail.id);
  const keyRef = useRef(crypto.randomUUID());
  const [open, setOpen] = useState(false);

  return (
    <section aria-labelledby="ae-title" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="ae-title" className="text-base font-semibold">
          Adverse events
        </h3>
        {canAct && !open ? (
          <Button
            size="sm"
            variant="outline"
            onPointerEnter={preloadEntryForms}
            onFocus={preloadEntryForms}
            onClick={() => setOpen(true)}
          >
            <Plus aria-hidden="true" />
            Record adverse event
          </Button>
        ) : null}
      </div>
      {detail.adverseEvents.length === 0 ? (
        <p className="text-sm text-muted-foreground">None recorded.</p>
      ) : null}
      <ul className="space-y-2">
        {detail.adverseEvents.map((ae) => (
          <li
            key={ae.id}
            className="flex flex-wrap items-center gap-2 rounded-md border p-2 text-sm wrap-anywhere"
          >
            <Badge variant={ae.severity === "mild" ? "secondary" : "warning"}>{ae.severity}</Badge>
            <span className="font-medium capitalize">{ae.type}</span>
            {ae.description ? <span>— {ae.description}</span> : null}
            <span className="text-muted-foreground">onset {timeFormat(ae.onsetAt)}</span>
            {ae.actionTaken ? (
              <span className="text-muted-foreground">· action: {ae.actionTaken}</span>
            ) : null}
            {ae.resolvedAt ? (
              <Badge variant="success">Resolved {timeFormat(ae.resolvedAt)}</Badge>
            ) : canAct ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={action.pending}
                onClick={() =>
                  void action.run({
                    path: `/adverse-events/${ae.id}/resolve`,
                    success: "Marked resolved",
                  })
                }
              >
                Mark resolved
              </Button>
            ) : (
              <Badge variant="outline">Unresolved</Badge>
            )}
          </li>
        ))}
      </ul>
      {open ? (
        <AdverseEventForm action={action} keyRef={keyRef} onClose={() => setOpen(false)} />
      ) : null}
    </section>
  );
}

export function CadssEntry({ detail }: { detail: SessionDetail }): React.JSX.Element {
  const action = useSessionAction(detail.id);
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="cadss-title" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="cadss-title" className="text-base font-semibold">
          Dissociation (CADSS)
        </h3>
        {!open ? (
          <Button
            size="sm"
            variant="outline"
            onPointerEnter={preloadEntryForms}
            onFocus={preloadEntryForms}
            onClick={() => setOpen(true)}
          >
            <Plus aria-hidden="true" />
            Enter CADSS
          </Button>
        ) : null}
      </div>
      {detail.dissociation.length > 0 ? (
        <p className="text-sm">
          {detail.dissociation.map((d) => `CADSS total ${d.total ?? "—"} / 92`).join(" · ")}
        </p>
      ) : (
        <p className="text-sm text-muted-foreground">No CADSS recorded.</p>
      )}
      {open ? <CadssForm action={action} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

export function InfusionEnd({ detail }: { detail: SessionDetail }): React.JSX.Element | null {
  const action = useSessionAction(detail.id);
  const dose = detail.dose;
  if (!dose || dose.route !== "iv" || dose.endedAt || detail.status !== "in_progress") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={action.pending}
        onClick={() =>
          void action.run({ path: `/doses/${dose.id}/end`, success: "Infusion end recorded" })
        }
      >
        Record infusion end now
      </Button>
      <ActionError error={action.error} />
    </div>
  );
}
