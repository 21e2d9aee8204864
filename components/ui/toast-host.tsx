"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { onFirstToast } from "@/components/ui/toast";

const Toaster = dynamic(() => import("@/components/ui/sonner").then((m) => m.Toaster), {
  ssr: false,
});

/** Mounts the toaster the first time something asks for a toast (see components/ui/toast.ts). */
export function ToastHost(): React.JSX.Element | null {
  const [wanted, setWanted] = useState(false);
  useEffect(() => onFirstToast(() => setWanted(true)), []);
  return wanted ? <Toaster richColors closeButton /> : null;
}
