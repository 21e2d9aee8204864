import { defineConfig } from "@playwright/test";
import base, { chromiumLaunch } from "./playwright.config";

/** `npm run screenshots`: PNGs of the key pages at tablet and desktop widths, for review. */
export default defineConfig({
  ...base,
  testMatch: "**/*.shot.ts",
  projects: [{ name: "screenshots", use: { launchOptions: chromiumLaunch } }],
});
