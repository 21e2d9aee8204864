/**
 * How each kind of session looks on the calendar. Colour only helps the eye: every block also
 * names its kind in words, so nothing depends on telling teal from sky.
 */
import type { Protocol, SessionKind } from "@/db/schema";

/** In the order of a treatment course (DESIGN.md). */
export const SESSION_KINDS = [
  "intake",
  "preparation",
  "dosing",
  "integration",
  "follow_up",
] as const satisfies readonly SessionKind[];

export const PROTOCOLS = [
  "iv_ketamine",
  "im_ketamine",
  "intranasal_esketamine",
  "sublingual_ketamine",
] as const satisfies readonly Protocol[];

export const KIND_BLOCK_CLASS: Readonly<Record<SessionKind, string>> = {
  intake:
    "border-sky-300 border-l-sky-600 bg-sky-50 dark:border-sky-800 dark:border-l-sky-400 dark:bg-sky-950/70",
  preparation:
    "border-violet-300 border-l-violet-600 bg-violet-50 dark:border-violet-800 dark:border-l-violet-400 dark:bg-violet-950/70",
  dosing:
    "border-teal-300 border-l-teal-600 bg-teal-50 dark:border-teal-800 dark:border-l-teal-400 dark:bg-teal-950/70",
  integration:
    "border-amber-300 border-l-amber-600 bg-amber-50 dark:border-amber-800 dark:border-l-amber-400 dark:bg-amber-950/70",
  follow_up:
    "border-rose-300 border-l-rose-600 bg-rose-50 dark:border-rose-800 dark:border-l-rose-400 dark:bg-rose-950/70",
};

export const KIND_SWATCH_CLASS: Readonly<Record<SessionKind, string>> = {
  intake: "bg-sky-600 dark:bg-sky-400",
  preparation: "bg-violet-600 dark:bg-violet-400",
  dosing: "bg-teal-600 dark:bg-teal-400",
  integration: "bg-amber-600 dark:bg-amber-400",
  follow_up: "bg-rose-600 dark:bg-rose-400",
};

/**
 * A cancelled session keeps its kind's stripe but is drawn dashed and muted, so the slot reads as
 * free. No opacity: its text must keep a readable contrast.
 */
export const CANCELLED_BLOCK_CLASS =
  "border-dashed [border-left-style:solid] border-border bg-muted/70 text-muted-foreground dark:bg-muted/50";
