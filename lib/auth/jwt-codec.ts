/**
 * The session token's encryption, in next-auth's own format (JWE, dir + A256GCM, the key derived
 * from the secret with HKDF-SHA256 and next-auth's info string), with the derived key kept for
 * the life of the process. next-auth derives it again for every token it reads or writes, and a
 * signed-in request reads the token twice (the proxy, then the page or API) and writes it once
 * (the rolling session): three key derivations per request, each a call into the crypto library
 * that costs more than the decryption itself. Tokens stay interchangeable with next-auth's own
 * encode and decode (test/sign-in-security.test.ts checks both ways).
 */
import { randomUUID } from "node:crypto";
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/** next-auth's default session length, when the caller gives none. */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const material = typeof secret === "string" ? secret : secret.toString("base64");
  const id = `${salt}\u0000${material}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = hkdf("sha256", secret, salt, info, 32);
    // A failed derivation is not kept: the next request tries again.
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt = "" } = params;
  const nowSeconds = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + maxAge)
    .setJti(randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt = "" } = params;
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), {
    clockTolerance: 15,
  });
  return payload as JWT;
}
