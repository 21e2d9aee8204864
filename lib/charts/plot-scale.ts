/**
 * The arithmetic of Kapstone's SVG charts. A chart's plot is drawn at any width without knowing
 * it in advance: x is a percentage of the plot's width (SVG and CSS both accept "37.5%"), y is in
 * pixels of a plot of fixed height. The server can therefore draw the whole chart, and the
 * drawing stays right when the card is resized.
 */

export type Domain = readonly [number, number];

/** Where `value` falls between the ends of `domain`, as a percentage (0 at the start, 100 at the end). */
export function xPercent(value: number, domain: Domain): number {
  const [start, end] = domain;
  if (end === start) return 50;
  return ((value - start) / (end - start)) * 100;
}

/** Pixels from the top of a plot `height` pixels tall: the domain's start at the bottom. */
export function yPixels(value: number, domain: Domain, height: number): number {
  const [low, high] = domain;
  if (high === low) return height / 2;
  return height - ((value - low) / (high - low)) * height;
}

/** True when `value` lies within the domain (ends included): lines outside it are not drawn. */
export function inDomain(value: number, domain: Domain): boolean {
  return value >= Math.min(domain[0], domain[1]) && value <= Math.max(domain[0], domain[1]);
}

/** Two decimals are finer than a pixel on any screen, and keep the markup short. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** "37.5%": an SVG length along the plot's width. */
export function percentLength(value: number): string {
  return `${round(value)}%`;
}

/**
 * The `d` of a polyline through `points`, in a coordinate system where x runs 0–100 across the
 * plot (the path is drawn in an SVG with viewBox "0 0 100 height" stretched to the plot's width,
 * its stroke kept at screen width). Points without a value are skipped and their neighbours
 * joined, as a reading with no SpO2 still has a blood pressure either side of it.
 */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let d = "";
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) continue;
    d += `${d === "" ? "M" : "L"}${round(p.x)} ${round(p.y)}`;
  }
  return d;
}

/**
 * The index of the value nearest to `target` in `values` sorted ascending (the earlier one on a
 * tie); -1 when there are none. Finds the reading under the pointer.
 */
export function nearestIndex(values: readonly number[], target: number): number {
  if (values.length === 0) return -1;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] ?? 0) < target) low = mid + 1;
    else high = mid;
  }
  const after = values[low] ?? 0;
  const before = values[low - 1];
  if (before !== undefined && target - before <= after - target) return low - 1;
  return low;
}

/**
 * Labels at `y` pixels, moved down where two would overlap (`lineHeight` apart at least), so
 * close reference lines (a baseline of 8: response ≤ 4, remission < 5) keep readable labels.
 * Returns the labels in top-to-bottom order with their new `y`.
 */
export function spreadLabels<T extends { y: number }>(
  labels: readonly T[],
  lineHeight: number,
): T[] {
  const placed = labels.map((label) => ({ ...label })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < placed.length; i++) {
    const previous = placed[i - 1];
    const current = placed[i];
    if (previous && current && current.y - previous.y < lineHeight) {
      current.y = previous.y + lineHeight;
    }
  }
  return placed;
}
