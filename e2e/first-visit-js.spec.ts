import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  FIRST_VISIT_JS_BUDGET_BYTES,
  kB,
  measureFirstVisitJs,
} from "../scripts/perf/first-visit-js";
import { keyPageReady, keyPages, type KeyPage } from "../scripts/perf/key-pages";
import { storageStatePath } from "./accounts";

// Size is not timing: the compressed script bytes of a first visit are the same on a busy
// machine, so the budget is checked on every test run (npm run lighthouse prints them too).
test.describe("first-visit JavaScript", () => {
  let pages: KeyPage[] = [];

  test.beforeAll(async ({ playwright, baseURL }) => {
    const apis = new Map<string, APIRequestContext>();
    pages = await keyPages(async (role, path) => {
      let api = apis.get(role);
      if (!api) {
        api = await playwright.request.newContext({
          baseURL,
          storageState: storageStatePath(role),
        });
        apis.set(role, api);
      }
      const res = await api.get(path);
      expect(res.status(), `GET ${path} as ${role}`).toBe(200);
      return res.json();
    });
    for (const api of apis.values()) await api.dispose();
  });

  test("key pages stay within the first-visit script budget, served compressed", async ({
    browser,
    baseURL,
  }) => {
    const over: string[] = [];
    for (const key of pages) {
      // A new context per page: nothing cached, as on a tablet's first visit.
      const context = await browser.newContext(
        key.role ? { storageState: storageStatePath(key.role) } : {},
      );
      const visit = await measureFirstVisitJs(context, `${baseURL}${key.path}`, (page) =>
        keyPageReady(page, key),
      );
      await context.close();
      expect(new URL(visit.finalUrl).pathname, `${key.name} stays on its page`).toBe(key.path);
      const large = visit.scripts.filter((s) => s.encodedBytes >= 1024);
      expect(
        large.filter((s) => s.encoding !== "gzip").map((s) => s.url),
        `${key.name}: every script over 1 KiB is gzip-compressed`,
      ).toEqual([]);
      test.info().annotations.push({
        type: "first-visit JS",
        description: `${key.name} ${key.path}: ${kB(visit.totalEncodedBytes)} in ${visit.scripts.length} scripts`,
      });
      // Every key page, charts included: the charts are drawn without a chart library.
      if (visit.totalEncodedBytes > FIRST_VISIT_JS_BUDGET_BYTES) {
        over.push(
          `${key.name} (${key.path}): ${kB(visit.totalEncodedBytes)} > ${kB(FIRST_VISIT_JS_BUDGET_BYTES)}`,
        );
      }
    }
    expect(over, "pages over their budget of compressed script").toEqual([]);
  });
});
