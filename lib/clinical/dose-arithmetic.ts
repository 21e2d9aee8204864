/**
 * The mg a weight-based order comes to, on its own so that pages showing an order need not
 * carry the whole of the dose-order rules.
 */
export function orderedMgAtWeight(doseMgPerKg: number, weightKg: number | null): number | null {
  if (weightKg === null || !(weightKg > 0)) return null;
  return Math.round(doseMgPerKg * weightKg * 10) / 10;
}
