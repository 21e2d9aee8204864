"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionError, type useSessionAction } from "@/components/sessions/use-session-action";
import { ADVERSE_EVENT_TYPES } from "@/lib/clinical/adverse-events";
import { localInputValue } from "@/lib/datetime-local";

// The entry forms of components/sessions/event-forms.tsx, loaded when first opened.

type SessionAction = ReturnType<typeof useSessionAction>;

const textareaClass =
  "rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm";

export function AdverseEventForm({
  action,
  keyRef,
  onClose,
}: {
  action: SessionAction;
  /** The idempotency key of this entry, kept by the list so a retry is not recorded twice. */
  keyRef: React.RefObject<string>;
  onClose: () => void;
}): React.JSX.Element {
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
      onClose();
    }
  }

  return (
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
        <Button type="button" variant="ghost" onClick={() => onClose()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const CADSS_ITEMS = 23;

export function CadssForm({
  action,
  onClose,
}: {
  action: SessionAction;
  onClose: () => void;
}): React.JSX.Element {
  return (
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
          onClose();
      }}
    >
      <p className="text-xs text-muted-foreground">Each item 0 (not at all) to 4 (extremely).</p>
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
        <Button type="button" variant="ghost" onClick={() => onClose()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
