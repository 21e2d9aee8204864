"use client";

import { Pencil } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { VitalsRow } from "@/lib/api/session-schemas";

const loadDialog = () => import("@/components/sessions/amend-vitals-dialog");
const AmendVitalsDialog = lazy(() => loadDialog().then((m) => ({ default: m.AmendVitalsDialog })));

type TriggerProps = { row: VitalsRow } & Omit<
  React.ComponentProps<typeof Button>,
  "children" | "asChild"
>;

/** The "Amend" button of a vitals row; the same button opens the dialog once it is loaded. */
export function AmendTrigger({ row, ...props }: TriggerProps): React.JSX.Element {
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={`Amend the reading of ${row.systolic}/${row.diastolic}`}
      {...props}
    >
      <Pencil aria-hidden="true" />
      Amend
    </Button>
  );
}

/**
 * Amending a reading is rare, so the dialog's code (Radix dialog, focus trap, scroll lock) loads
 * on the first press instead of with the session page: until then this is a plain button that
 * looks the same. Pointing at or focusing it starts the load early; the dialog then mounts open,
 * with focus inside it, and hands focus back to the button when it closes.
 */
export function AmendVitalsButton({
  sessionId,
  row,
}: {
  sessionId: string;
  row: VitalsRow;
}): React.JSX.Element {
  const [wanted, setWanted] = useState(false);
  const preload = (): void => {
    void loadDialog().catch(() => {
      // Offline: pressing the button tries again.
    });
  };
  const placeholder = (
    <AmendTrigger
      row={row}
      aria-haspopup="dialog"
      onClick={() => setWanted(true)}
      onPointerEnter={preload}
      onFocus={preload}
    />
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <AmendVitalsDialog sessionId={sessionId} row={row} defaultOpen />
    </Suspense>
  );
}
