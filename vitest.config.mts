import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // The guard only matters inside the Next.js bundler.
      "server-only": path.join(import.meta.dirname, "test", "server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "db/**/*.test.ts",
      "test/**/*.test.ts",
      "components/**/*.test.ts",
    ],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
