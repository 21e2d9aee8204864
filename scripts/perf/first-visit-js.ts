/**
 * What a first visit costs in JavaScript: the compressed bytes of every script a page loads in a
 * fresh browser context (cold cache, nothing preloaded), as they crossed the wire. Shared by the
 * Playwright budget test (e2e/first-visit-js.spec.ts) and `npm run lighthouse`.
 */
import type { BrowserContext, Page, Request } from "@playwright/test";

/** The budget of every key page: 180 kB (1 kB = 1000 bytes) of compressed JavaScript. */
export const FIRST_VISIT_JS_BUDGET_BYTES = 180_000;

export type ScriptLoad = {
  url: string;
  /** Body bytes as received (compressed when the server compressed it). */
  encodedBytes: number;
  /** The Content-Encoding the server answered with ("" when none). */
  encoding: string;
};

export type FirstVisitJs = {
  /** Where the browser ended up (a redirect to /login would show here). */
  finalUrl: string;
  scripts: ScriptLoad[];
  totalEncodedBytes: number;
};

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * Opens `path` in a new page of `context` (which must be fresh, so nothing is cached), waits
 * until `ready` resolves and the network has been quiet (code-split chunks such as charts load
 * after hydration), and sums the scripts loaded on the way.
 */
export async function measureFirstVisitJs(
  context: BrowserContext,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<FirstVisitJs> {
  const page = await context.newPage();
  const pending: Promise<ScriptLoad>[] = [];
  const onFinished = (request: Request): void => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        return {
          url: request.url(),
          encodedBytes: sizes.responseBodySize,
          encoding: (await response?.headerValue("content-encoding")) ?? "",
        };
      })(),
    );
  };
  page.on("requestfinished", onFinished);
  try {
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    // Scripts requested after hydration (next/dynamic chunks) are part of the visit too.
    await page.waitForLoadState("networkidle");
    const scripts = await Promise.all(pending);
    return {
      finalUrl: page.url(),
      scripts,
      totalEncodedBytes: scripts.reduce((sum, s) => sum + s.encodedBytes, 0),
    };
  } finally {
    page.off("requestfinished", onFinished);
    await page.close();
  }
}
