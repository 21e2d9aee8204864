"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiClientError, apiRequest } from "@/lib/api/client";
import type { Note } from "@/lib/patients/note-schemas";

const KIND_LABEL = {
  preparation: "Preparation",
  integration: "Integration",
  progress: "Progress",
} as const;

export function NotesPanel({
  patientId,
  notes,
  canWrite,
}: {
  patientId: string;
  notes: (Note & { createdLabel: string })[];
  canWrite: boolean;
}): React.JSX.Element {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    setError(null);
    try {
      await apiRequest(`/api/v1/patients/${patientId}/notes`, {
        method: "POST",
        body: { kind: String(form.get("note-kind")), body: String(form.get("note-body") ?? "") },
      });
      formEl.reset();
      toast.success("Note saved");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiClientError ? e.message : "The note could not be saved.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {canWrite ? (
        <form
          onSubmit={onSubmit}
          aria-label="Write a note"
          className="space-y-3 rounded-md border p-3"
        >
          <div className="grid w-48 gap-1.5">
            <Label htmlFor="note-kind">Kind of note</Label>
            <NativeSelect id="note-kind" name="note-kind" defaultValue="integration">
              <option value="integration">Integration</option>
              <option value="progress">Progress</option>
              <option value="preparation">Preparation</option>
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="note-body">Note</Label>
            <textarea
              id="note-body"
              name="note-body"
              rows={4}
              required
              maxLength={20_000}
              className="rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs md:text-sm"
            />
          </div>
          {error ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            Save note
          </Button>
        </form>
      ) : null}
      {notes.length === 0 ? <p className="text-sm text-muted-foreground">No notes yet.</p> : null}
      <ul className="space-y-3">
        {notes.map((note) => (
          <li key={note.id} className="rounded-md border p-3">
            <p className="mb-1 text-xs text-muted-foreground">
              <span className="font-medium text-foreground">{KIND_LABEL[note.kind]}</span> ·{" "}
              {note.authorName} · {note.createdLabel}
            </p>
            <p className="text-sm whitespace-pre-wrap wrap-anywhere">{note.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
