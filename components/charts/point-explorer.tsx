"use client";

/**
 * The hover and keyboard layer over a chart's plot: one tab stop, a list of the chart's points
 * (assessments, readings) that the arrow keys move through, and the details of the current one
 * beside it. The pointer picks the point nearest in time; a tap on a tablet does the same and
 * the details stay until the chart loses focus. A screen reader hears each point's words as it
 * moves; the drawing itself stays a picture with its summary.
 */
import * as React from "react";
import { nearestIndex, percentLength } from "@/lib/charts/plot-scale";
import { cn } from "@/lib/utils";

export type ExplorerPoint = {
  key: string;
  /** Position across the plot, 0–100 (see lib/charts/plot-scale.ts). */
  x: number;
  /** What the point says, for a screen reader. */
  text: string;
};

/** Past this point across the plot the details open to the left of the cursor. */
const FLIP_AT_PERCENT = 50;

export function PointExplorer({
  label,
  points,
  active,
  onActiveChange,
  renderDetail,
  className,
  style,
}: {
  /** The list's name, e.g. "Assessments on the chart". */
  label: string;
  /** In x order. */
  points: readonly ExplorerPoint[];
  active: number | null;
  onActiveChange: (index: number | null) => void;
  renderDetail: (index: number) => React.ReactNode;
  className?: string;
  style?: React.CSSProperties;
}): React.JSX.Element {
  const id = React.useId();
  const xs = React.useMemo(() => points.map((p) => p.x), [points]);
  const current = active !== null && active < points.length ? active : null;
  const point = current === null ? undefined : points[current];

  function fromPointer(event: React.PointerEvent<HTMLDivElement>): void {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const index = nearestIndex(xs, ((event.clientX - box.left) / box.width) * 100);
    if (index >= 0 && index !== current) onActiveChange(index);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    const last = points.length - 1;
    if (last < 0) return;
    const moves: Record<string, number> = {
      ArrowLeft: Math.max(0, (current ?? last + 1) - 1),
      ArrowDown: Math.max(0, (current ?? last + 1) - 1),
      ArrowRight: Math.min(last, (current ?? -1) + 1),
      ArrowUp: Math.min(last, (current ?? -1) + 1),
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      onActiveChange(next);
    } else if (event.key === "Escape" && current !== null) {
      event.preventDefault();
      onActiveChange(null);
    }
  }

  return (
    <div
      role="listbox"
      aria-label={label}
      aria-activedescendant={point ? `${id}-${point.key}` : undefined}
      tabIndex={points.length > 0 ? 0 : -1}
      onKeyDown={onKeyDown}
      // From the keyboard, the most recent point first: what a clinician usually wants.
      onFocus={(event) => {
        if (current === null && event.currentTarget.matches(":focus-visible")) {
          onActiveChange(points.length - 1);
        }
      }}
      onBlur={() => onActiveChange(null)}
      onPointerMove={fromPointer}
      onPointerDown={fromPointer}
      onPointerLeave={(event) => (event.pointerType === "touch" ? undefined : onActiveChange(null))}
      className={cn(
        "absolute touch-pan-y rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-4 focus-visible:ring-offset-card",
        className,
      )}
      style={style}
    >
      {points.map((p, i) => (
        <div
          key={p.key}
          id={`${id}-${p.key}`}
          role="option"
          aria-selected={i === current}
          className="sr-only"
        >
          {p.text}
        </div>
      ))}
      {point && current !== null ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute top-0 z-20"
          style={
            point.x > FLIP_AT_PERCENT
              ? { right: `calc(${percentLength(100 - point.x)} + 12px)` }
              : { left: `calc(${percentLength(point.x)} + 12px)` }
          }
        >
          {renderDetail(current)}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The width of the element `ref` points at, once the browser has laid it out; `fallback` until
 * then (and on the server). Only what needs real pixels uses it: where dose labels fit.
 */
export function useElementWidth(ref: React.RefObject<Element | null>, fallback: number): number {
  const [width, setWidth] = React.useState(fallback);
  React.useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => {
      const measured = element.getBoundingClientRect().width;
      if (measured > 0) setWidth(Math.round(measured));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
