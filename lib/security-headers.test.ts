import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isCrossSiteRequest,
  isCrossSiteWrite,
  STATIC_SECURITY_HEADERS,
} from "@/lib/security-headers";

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});

describe("Content-Security-Policy of an API answer", () => {
  it("lets a JSON answer load and run nothing, and be framed by nothing", () => {
    expect(API_CONTENT_SECURITY_POLICY.split("; ").sort()).toEqual([
      "default-src 'none'",
      "frame-ancestors 'none'",
    ]);
  });
});

describe("Content-Security-Policy", () => {
  const production = contentSecurityPolicy({ nonce: "abc123", production: true });
  const directives = new Map(
    production.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const),
  );

  it("runs scripts only with this response's nonce, never eval, in production", () => {
    expect(directives.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(production).not.toContain("unsafe-eval");
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("forbids framing, plugins and foreign form targets", () => {
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
  });

  it("allows eval only for the development build", () => {
    expect(contentSecurityPolicy({ nonce: "n", production: false })).toContain("'unsafe-eval'");
  });

  it("sends the fixed security headers", () => {
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    });
    expect(STATIC_SECURITY_HEADERS["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("cross-site writes", () => {
  const host = "kapstone.clinic.test";

  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite("GET", headers({ origin: "https://evil.test" }), host)).toBe(false);
    expect(isCrossSiteWrite("HEAD", headers({ "sec-fetch-site": "cross-site" }), host)).toBe(false);
  });

  it("refuses a write from another origin, a null origin or another site", () => {
    expect(isCrossSiteWrite("POST", headers({ origin: "https://evil.test" }), host)).toBe(true);
    expect(isCrossSiteWrite("PATCH", headers({ origin: "null" }), host)).toBe(true);
    expect(isCrossSiteWrite("POST", headers({ origin: "not a url" }), host)).toBe(true);
    expect(isCrossSiteWrite("POST", headers({ "sec-fetch-site": "cross-site" }), host)).toBe(true);
    expect(isCrossSiteWrite("POST", headers({ "sec-fetch-site": "same-site" }), host)).toBe(true);
    // Same host name on another port is another origin.
    expect(
      isCrossSiteWrite("POST", headers({ origin: "https://kapstone.clinic.test:8443" }), host),
    ).toBe(true);
  });

  it("accepts a write from its own origin, or from a program that sends no origin", () => {
    expect(
      isCrossSiteWrite(
        "POST",
        headers({ origin: "https://kapstone.clinic.test", "sec-fetch-site": "same-origin" }),
        host,
      ),
    ).toBe(false);
    expect(isCrossSiteWrite("POST", headers({}), host)).toBe(false);
  });
});

describe("a request's cross-site check", () => {
  const post = (values: Record<string, string>) => ({ method: "POST", headers: headers(values) });

  it("judges the Origin against the host a proxy in front was sent to, else the Host", () => {
    const origin = { origin: "https://clinic.example" };
    expect(
      isCrossSiteRequest(
        post({ ...origin, "x-forwarded-host": "clinic.example", host: "127.0.0.1:3000" }),
      ),
    ).toBe(false);
    expect(isCrossSiteRequest(post({ ...origin, host: "127.0.0.1:3000" }))).toBe(true);
    expect(isCrossSiteRequest(post({ ...origin, host: "clinic.example" }))).toBe(false);
    expect(isCrossSiteRequest({ method: "GET", headers: headers({ ...origin }) })).toBe(false);
  });
});
