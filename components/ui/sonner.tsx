"use client";

import * as React from "react";
import { useTheme } from "next-themes";
import { Toaster as Sonner, toast as sonnerToast, type ToasterProps } from "sonner";
import {
  CircleCheckIcon,
  InfoIcon,
  Loader2Icon,
  OctagonXIcon,
  TriangleAlertIcon,
} from "lucide-react";
import { toasterReady } from "@/components/ui/toast";

type ToasterTheme = NonNullable<ToasterProps["theme"]>;

function toToasterTheme(theme: string | undefined): ToasterTheme {
  return theme === "light" || theme === "dark" ? theme : "system";
}

const toasterStyle: React.CSSProperties & Record<`--${string}`, string> = {
  "--normal-bg": "var(--popover)",
  "--normal-text": "var(--popover-foreground)",
  "--normal-border": "var(--border)",
  "--border-radius": "var(--radius)",
};

/**
 * Rendered after <Sonner>, so its effect runs once the toaster listens: waiting toasts are
 * handed over then, not lost.
 */
function ToastBridge(): null {
  React.useEffect(
    () =>
      toasterReady(({ kind, message, options }) => {
        sonnerToast[kind](message, options);
      }),
    [],
  );
  return null;
}

function Toaster({ style, ...props }: ToasterProps): React.JSX.Element {
  const { theme } = useTheme();

  return (
    <>
      <Sonner
        theme={toToasterTheme(theme)}
        className="toaster group"
        icons={{
          success: <CircleCheckIcon className="size-4 text-success" aria-hidden="true" />,
          info: <InfoIcon className="size-4" aria-hidden="true" />,
          warning: <TriangleAlertIcon className="size-4 text-warning" aria-hidden="true" />,
          error: <OctagonXIcon className="size-4 text-destructive" aria-hidden="true" />,
          loading: <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />,
        }}
        style={{ ...toasterStyle, ...style }}
        {...props}
      />
      <ToastBridge />
    </>
  );
}

export { Toaster };
