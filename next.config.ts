import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

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
  // Static files too; pages and API answers also get theirs (CSP, no-store) from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
