"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// Recharts is loaded only by this page, and only in the browser: its ResponsiveContainer measures
// the element, so a server render would be an empty box anyway.
export const ChangeDistributionChart = dynamic(() => import("./change-distribution-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});

export const SessionsToResponseChart = dynamic(() => import("./sessions-to-response-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});
