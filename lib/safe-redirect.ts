/** Only same-site paths may be used as a return address after sign-in (no open redirects). */
export function safeReturnPath(value: string | string[] | undefined | null): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//")) return "/";
  if (candidate.startsWith("/login") || candidate.includes("\\")) return "/";
  return candidate;
}
