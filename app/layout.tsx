import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kapstone", template: "%s · Kapstone" },
  description: "Clinician dashboard for ketamine-assisted psychotherapy clinics",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fbfc" },
    { media: "(prefers-color-scheme: dark)", color: "#10161d" },
  ],
};

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}): Promise<React.JSX.Element> {
  const requestHeaders = await headers();
  // Set by proxy.ts: this response's CSP nonce, and the request id the error page shows.
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const requestId = requestHeaders.get("x-request-id") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning data-request-id={requestId}>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
