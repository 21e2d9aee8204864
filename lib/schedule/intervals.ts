/**
 * Time intervals are half-open, [start, end): CLINICAL.md "Scheduling defaults" — sessions that
 * only touch (one ends when the next starts) do not overlap.
 */

export type Interval = { start: Date; end: Date };

/** Half-open overlap: touching intervals (one ends as the other starts) do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/**
 * The instant within `window` at which the most of `intervals` are in progress together, and
 * which they are. Intervals that each overlap the window but never one another are never counted
 * together. With none in progress, `at` is the window's start and `inProgress` is empty.
 */
export function peakInProgress<T extends Interval>(
  window: Interval,
  intervals: readonly T[],
): { at: Date; inProgress: T[] } {
  const within = intervals.filter((i) => overlaps(i, window));
  // The count only rises at a start, so the peak is at the window's start or at a later start.
  const instants = [window.start, ...within.map((i) => i.start)].filter(
    (t) => t.getTime() >= window.start.getTime(),
  );
  let best: { at: Date; inProgress: T[] } = { at: window.start, inProgress: [] };
  for (const at of instants) {
    const t = at.getTime();
    const inProgress = within.filter((i) => i.start.getTime() <= t && t < i.end.getTime());
    if (inProgress.length > best.inProgress.length) best = { at, inProgress };
  }
  return best;
}
