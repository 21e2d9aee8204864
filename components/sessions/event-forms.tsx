"use client";

import { Plus } from "lucide-react";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionError, useSessionAction } from "@/components/sessions/use-session-action";
import type { SessionDetail } from "@/lib/api/session-schemas";
import { ADVERSE_EVENT_TYPES } from "@/lib/clinical/adverse-events";
import { localInputValue } from "@/lib/datetime-local";

const textareaClass =
  "rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm";

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
  const [onsetEdited, setOnsetEdited] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const onset = String(form.get("ae-onset") ?? "");
    const resolved = Boolean(form.get("ae-resolved"));
    const ok = await action.run({
      path: "/adverse-events",
      idempotencyKey: keyRef.current,
      success: "Adverse event recorded",
      body: {
        type: String(form.get("ae-type")),
        severity: String(form.get("ae-severity")),
        description: String(form.get("ae-description") ?? "").trim() || null,
        onsetAt: onset && onsetEdited ? new Date(onset).toISOString() : undefined,
        actionTaken: String(form.get("ae-action") ?? "").trim() || null,
        resolvedAt: resolved ? new Date().toISOString() : null,
      },
    });
    if (ok) {
      keyRef.current = crypto.randomUUID();
      formEl.reset();
      setOpen(false);
    }
  }

  return (
    <section aria-labelledby="ae-title" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="ae-title" className="text-base font-semibold">
          Adverse events
        </h3>
        {canAct && !open ? (
          <Button size="sm" variant="outline" onClick={() => setOpen(true)}>
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
        <form
          onSubmit={onSubmit}
          aria-label="Record adverse event"
          className="space-y-3 rounded-md border p-3"
        >
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
            <div className="grid gap-1.5">
              <Label htmlFor="ae-type">Type</Label>
              <NativeSelect id="ae-type" name="ae-type" defaultValue="nausea">
                {ADVERSE_EVENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t.charAt(0).toUpperCase() + t.slice(1)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="ae-severity">Severity</Label>
              <NativeSelect id="ae-severity" name="ae-severity" defaultValue="mild">
                <option value="mild">Mild</option>
                <option value="moderate">Moderate</option>
                <option value="severe">Severe</option>
              </NativeSelect>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="ae-onset">Onset</Label>
              <Input
                id="ae-onset"
                name="ae-onset"
                type="datetime-local"
                defaultValue={localInputValue(new Date())}
                onChange={() => setOnsetEdited(true)}
              />
            </div>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="ae-description">Description (required for “other”)</Label>
            <textarea
              id="ae-description"
              name="ae-description"
              rows={2}
              maxLength={2000}
              className={textareaClass}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="ae-action">Action taken</Label>
            <textarea
              id="ae-action"
              name="ae-action"
              rows={2}
              maxLength={2000}
              className={textareaClass}
            />
          </div>
          <div className="flex items-center gap-2">
            <input
              id="ae-resolved"
              name="ae-resolved"
              type="checkbox"
              className="size-5 accent-primary"
            />
            <Label htmlFor="ae-resolved">Already resolved</Label>
          </div>
          <ActionError error={action.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={action.pending}>
              Save adverse event
            </Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

const CADSS_ITEMS = 23;

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
          <Button size="sm" variant="outline" onClick={() => setOpen(true)}>
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
      {open ? (
        <form
          aria-label="CADSS answers"
          className="space-y-3 rounded-md border p-3"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const answers = Array.from({ length: CADSS_ITEMS }, (_, i) =>
              Number(form.get(`cadss-${i + 1}`) ?? 0),
            );
            if (
              await action.run({
                path: "/dissociation",
                body: { answers },
                success: "CADSS recorded",
              })
            )
              setOpen(false);
          }}
        >
          <p className="text-xs text-muted-foreground">
            Each item 0 (not at all) to 4 (extremely).
          </p>
          <div className="grid grid-cols-4 gap-2 md:grid-cols-8">
            {Array.from({ length: CADSS_ITEMS }, (_, i) => (
              <div key={i} className="grid gap-1">
                <Label htmlFor={`cadss-${i + 1}`} className="text-xs">
                  Item {i + 1}
                </Label>
                <Input
                  id={`cadss-${i + 1}`}
                  name={`cadss-${i + 1}`}
                  inputMode="numeric"
                  defaultValue="0"
                  className="tabular"
                />
              </div>
            ))}
          </div>
          <ActionError error={action.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={action.pending}>
              Save CADSS
            </Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
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
