/**
 * Hardening as a browser and an attacker see it: security headers on every kind of response,
 * writes from other sites refused, sessions that really end (sign-out, idle), and errors that
 * say nothing about the server's insides.
 */
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn, storageStatePath } from "./accounts";

const LEAKS = [/\n\s+at /, /node_modules/, /\bselect\b.+\bfrom\b/i, /insert into/i, /violates/i];

test.describe("security headers", () => {
  test.use({ storageState: storageStatePath("psychiatrist") });

  test("pages and API answers with patient data carry the policy and are never cached", async ({
    request,
  }) => {
    const patients = await request.get("/api/v1/patients");
    const firstPatient = ((await patients.json()) as { items: { id: string }[] }).items[0];
    if (!firstPatient) throw new Error("no patients");
    const api = [
      "/api/v1/patients",
      `/api/v1/patients/${firstPatient.id}/progress`,
      "/api/v1/openapi.json",
    ];
    for (const url of ["/patients", `/patients/${firstPatient.id}`, "/login", ...api]) {
      const response = await request.get(url, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      if (api.includes(url)) {
        // A JSON answer may load and run nothing at all.
        expect(csp, url).toContain("default-src 'none'");
      } else {
        expect(csp, url).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
        expect(csp, url).not.toContain("unsafe-eval");
      }
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(headers["cache-control"], url).toContain("no-store");
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["referrer-policy"], url).toBe("no-referrer");
      expect(headers["permissions-policy"], url).toContain("camera=()");
      expect(headers["x-request-id"], url).toMatch(/^[\w-]{8,64}$/);
    }
  });

  test("pages run under the policy without a single violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    await page.goto("/patients");
    await expect(page.getByRole("heading", { name: "My patients" })).toBeVisible();
    await page
      .getByRole("link", { name: /, [A-Z]/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/today");
    await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("cross-site requests", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("a write sent from another site's page is refused and changes nothing", async ({
    request,
  }) => {
    const before = await request.get("/api/v1/rooms");
    const rooms = ((await before.json()) as { data: unknown[] }).data.length;
    const response = await request.post("/api/v1/rooms", {
      headers: { Origin: "https://attacker.example", "Sec-Fetch-Site": "cross-site" },
      data: { name: "Forged room" },
    });
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "Requests from other sites are refused.",
    );
    const after = await request.get("/api/v1/rooms");
    expect(((await after.json()) as { data: unknown[] }).data.length).toBe(rooms);
  });
});

test.describe("sessions end", () => {
  async function signInFresh(page: Page, role: keyof typeof ACCOUNTS): Promise<void> {
    await signIn(page, ACCOUNTS[role].email, DEMO_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`${ACCOUNTS[role].home}$`));
  }

  test("after sign-out a copy of the session cookie is worthless", async ({ page, request }) => {
    await signInFresh(page, "nurse");
    const copied = (await page.context().cookies())
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
    const before = await request.get("/api/v1/me", { headers: { Cookie: copied } });
    expect(before.status()).toBe(200);

    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const after = await request.get("/api/v1/me", { headers: { Cookie: copied } });
    expect(after.status()).toBe(401);
    const page403 = await request.get("/today", { headers: { Cookie: copied }, maxRedirects: 0 });
    expect(page403.status()).toBe(307);
    expect(page403.headers().location).toContain("/login");
  });

  test("after 13 idle minutes a warning offers to stay; at 15 the user is signed out", async ({
    page,
  }) => {
    await page.clock.install();
    await signInFresh(page, "nurse");
    // The Today board refreshes itself every 10 s. Thirteen minutes passing at once must not
    // stack seventy-eight refreshes (one at a time), and none may start once sign-out has.
    const traffic: ("refresh" | "sign-out")[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      const headers = request.headers();
      // A refresh, not the router prefetching the navigation's link to this page.
      if (pathname === "/today" && headers["rsc"] === "1" && !headers["next-router-prefetch"]) {
        traffic.push("refresh");
      }
      if (pathname === "/api/auth/signout") traffic.push("sign-out");
    });

    await page.clock.runFor("13:01");
    const warning = page.getByRole("alertdialog", { name: "Still there?" });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText("signs you out after 15 minutes without activity");
    await warning.getByRole("button", { name: "Stay signed in" }).click();
    await expect(warning).toBeHidden();

    expect(traffic.length).toBeLessThanOrEqual(10);

    await page.clock.runFor("15:01");
    await expect(page).toHaveURL(/\/login\?reason=idle/);
    expect(traffic).toContain("sign-out");
    expect(traffic.slice(traffic.indexOf("sign-out"))).not.toContain("refresh");
    await expect(page.getByText(/signed out after 15 minutes without activity/)).toBeVisible();
    // The server agrees: the session is over, not just hidden.
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(401);
  });
});

test.describe("errors", () => {
  test.use({ storageState: storageStatePath("psychiatrist") });

  test("an unknown address gets a calm 404 page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to my home page" })).toBeVisible();
  });

  test("bad requests answer in the error shape with a request id and nothing from inside", async ({
    request,
  }) => {
    const attempts = [
      request.post("/api/v1/sessions/not-a-session/vitals", { data: { systolic: 120 } }),
      request.post(`/api/v1/patients`, {
        headers: { "Content-Type": "application/json" },
        data: '{"firstName": "Ada", ',
      }),
      request.get("/api/v1/patients?page=-1&pageSize=100000"),
      request.get("/api/v1/patients/00000000-0000-4000-8000-000000000000"),
      request.get("/api/v1/audit"),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status()).toBeGreaterThanOrEqual(400);
      expect(response.status()).toBeLessThan(500);
      const text = await response.text();
      for (const leak of LEAKS) expect(text).not.toMatch(leak);
      const body = JSON.parse(text) as {
        error: { code: string; message: string; requestId: string };
      };
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(body.error.requestId).toBe(response.headers()["x-request-id"]);
    }
  });
});
