import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt-codec";

const secret = "a-test-secret-of-reasonable-length-0123456789";
const token = { sub: "user-1", role: "nurse" as const, email: "nurse@example.test" };

describe("session token encryption with the derived key kept", () => {
  it("reads next-auth's own tokens, and next-auth reads its tokens", async () => {
    const theirs = await encode({ token, secret, maxAge: 3600 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(token);
    const ours = await encodeSessionToken({ token, secret, maxAge: 3600 });
    expect(await decode({ token: ours, secret })).toMatchObject(token);
  });

  it("keeps tokens of different secrets and salts apart", async () => {
    const ours = await encodeSessionToken({ token, secret, maxAge: 3600 });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: ours, secret, salt: "other" })).rejects.toThrow();
    // Asked twice with the same secret, the kept key still opens it.
    expect(await decodeSessionToken({ token: ours, secret })).toMatchObject(token);
    expect(await decodeSessionToken({ token: ours, secret })).toMatchObject(token);
  });

  it("refuses an expired token and reads no token as none", async () => {
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
