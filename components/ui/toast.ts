/**
 * Toasts without loading the toast library up front: `toast.success(…)` queues the message and
 * asks <ToastHost> to load and mount the toaster, which then shows it. Pages that never toast
 * load none of it; the first toast of a visit appears a moment later, every later one at once.
 */
import type { ExternalToast } from "sonner";

export type ToastRequest = {
  kind: "success" | "warning";
  message: string;
  options?: ExternalToast;
};

let deliver: ((request: ToastRequest) => void) | null = null;
let wakeHost: (() => void) | null = null;
const waiting: ToastRequest[] = [];

function show(request: ToastRequest): void {
  if (deliver) {
    deliver(request);
    return;
  }
  waiting.push(request);
  wakeHost?.();
}

export const toast = {
  success: (message: string, options?: ExternalToast): void =>
    show({ kind: "success", message, options }),
  warning: (message: string, options?: ExternalToast): void =>
    show({ kind: "warning", message, options }),
};

/** For <ToastHost>: `wake` mounts the toaster (at once if a toast is already waiting). */
export function onFirstToast(wake: () => void): () => void {
  wakeHost = wake;
  if (waiting.length > 0) wake();
  return () => {
    if (wakeHost === wake) wakeHost = null;
  };
}

/** For the mounted toaster: shows what waited, then every later toast directly. */
export function toasterReady(show: (request: ToastRequest) => void): () => void {
  deliver = show;
  for (const request of waiting.splice(0)) show(request);
  return () => {
    if (deliver === show) deliver = null;
  };
}
