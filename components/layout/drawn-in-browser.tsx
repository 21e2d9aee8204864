"use client";

import { useDrawn } from "@/components/charts/use-drawn";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * A part of a long page below its first screen, rendered by the browser as the page's script
 * starts (as the course chart's drawing is, see useDrawn); the server sends its data and a
 * placeholder of about its height in its place. The patient page rendered four such tables and
 * forms on the server for every request, to be read only after scrolling.
 */
export function DrawnInBrowser({
  children,
  label,
  heightRem,
}: {
  children: React.ReactNode;
  /** What is being drawn, for assistive technology while it is. */
  label: string;
  /** The placeholder's height, so that nothing below moves much when the part appears. */
  heightRem: number;
}): React.ReactNode {
  const drawn = useDrawn();
  if (drawn) return children;
  return (
    <Skeleton role="status" aria-label={`Loading ${label}`} style={{ height: `${heightRem}rem` }} />
  );
}
