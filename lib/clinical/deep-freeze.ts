/** Freezes a settings object and everything in it, so no code can change a rule at run time. */
export function deepFreeze<T extends object>(value: T): T {
  const children: unknown[] = Object.values(value);
  for (const child of children) {
    if (typeof child === "object" && child !== null && !Object.isFrozen(child)) {
      deepFreeze(child);
    }
  }
  return Object.freeze(value);
}
