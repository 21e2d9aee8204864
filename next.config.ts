import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and embedded-database packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg", "@node-rs/argon2"],
  experimental: {
    // forbidden() renders the "not permitted" page with a real 403.
    authInterrupts: true,
  },
  typedRoutes: false,
};

export default nextConfig;
