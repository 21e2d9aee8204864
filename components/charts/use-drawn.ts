import { useSyncExternalStore } from "react";

const never = (): (() => void) => () => {};

/**
 * Whether a chart's drawing should be made: false on the server and while the page hydrates,
 * true from then on. The server sends the chart's frame (its size, legend and spoken summary)
 * without the drawing: a course's drawing is hundreds of SVG elements, and rendering them on the
 * server cost the patient and bedside pages a tenth of their time on every request, while the
 * browser draws them in a few milliseconds once the page's script runs.
 */
export function useDrawn(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
