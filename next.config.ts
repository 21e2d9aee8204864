import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // For npm run perf:js-breakdown, which maps each script a page loads back to its modules.
  productionBrowserSourceMaps: process.env.KAPSTONE_BROWSER_SOURCE_MAPS === "1",
  reactStrictMode: true,
  // Native and embedded-database packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg", "@node-rs/argon2"],
  experimental: {
    // forbidden() renders the "not permitted" page with a real 403.
    authInterrupts: true,
  },
  typedRoutes: false,
  // Static files too. Pages also get theirs (a CSP with a nonce, no-store) from proxy.ts; the
  // JSON API, which the proxy skips, its policy here and no-store from lib/api/handler.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
      {
        source: "/api/v1/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
