"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { changeMyPassword, problemMessage } from "@/components/staff/staff-api";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiClientError } from "@/lib/api/client";
import { paths } from "@/lib/paths";

type Field = "currentPassword" | "newPassword" | "confirmPassword";

export function ChangePasswordForm({
  minLength,
  required,
}: {
  minLength: number;
  /** A temporary password is in use: once changed, go on to the role's home page. */
  required: boolean;
}): React.JSX.Element {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Partial<Record<Field, string>>>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    setError(null);
    setFields({});
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setFields({ confirmPassword: "The two new passwords do not match." });
      return;
    }
    setPending(true);
    try {
      await changeMyPassword({ currentPassword, newPassword });
      formEl.reset();
      toast.success("Password changed.");
      if (required) router.replace(paths.home());
      router.refresh();
    } catch (e) {
      setError(problemMessage(e, "The password could not be changed."));
      if (e instanceof ApiClientError) {
        setFields({
          currentPassword: e.fieldMessage("currentPassword"),
          newPassword: e.fieldMessage("newPassword"),
        });
      }
    } finally {
      setPending(false);
    }
  }

  const input = (name: Field, label: string, autoComplete: string, hint?: string) => {
    const id = `account-${name}`;
    const problem = fields[name];
    const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null]
      .filter(Boolean)
      .join(" ");
    return (
      <div className="grid gap-1.5">
        <Label htmlFor={id}>{label}</Label>
        <Input
          id={id}
          name={name}
          type="password"
          autoComplete={autoComplete}
          required
          minLength={name === "currentPassword" ? undefined : minLength}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
        {problem ? (
          <p id={`${id}-error`} className="text-sm text-destructive">
            {problem}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} aria-label="Change password" className="grid max-w-sm gap-4">
      {input("currentPassword", "Current password", "current-password")}
      {input(
        "newPassword",
        "New password",
        "new-password",
        `At least ${minLength} characters, different from the current one, without your email address.`,
      )}
      {input("confirmPassword", "Confirm new password", "new-password")}
      {error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-fit">
        Change password
      </Button>
    </form>
  );
}
