"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A temporary password shown once, with a copy button. It is never stored in clear. */
export function TemporaryPassword({
  name,
  password,
}: {
  name: string;
  password: string;
}): React.JSX.Element {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl+C / Cmd+C copies it.
      inputRef.current?.select();
    }
  }

  return (
    <Alert variant="warning">
      <AlertTitle>Temporary password for {name}</AlertTitle>
      <AlertDescription className="grid gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor={id} className="text-foreground">
            Temporary password
          </Label>
          <div className="flex flex-wrap items-center gap-2">
            <Input
              ref={inputRef}
              id={id}
              readOnly
              value={password}
              onFocus={(event) => event.currentTarget.select()}
              className="w-48 font-mono tracking-wide"
            />
            <Button type="button" variant="outline" size="sm" onClick={copy}>
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {copied ? "Copied" : "Copy password"}
            </Button>
          </div>
        </div>
        <p>
          It is shown only this once and must be changed at first sign-in. Pass it on in person or
          by phone, not by email.
        </p>
        <p className="sr-only" aria-live="polite">
          {copied ? "Password copied to the clipboard." : ""}
        </p>
      </AlertDescription>
    </Alert>
  );
}
