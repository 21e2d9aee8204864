/** How the outcomes page writes its numbers: whole percentages, a true minus sign, and n. */

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
const CHANGE = new Intl.NumberFormat("en-US", {
  maximumFractionDigits: 0,
  signDisplay: "exceptZero",
});

/** 0.5682 → "57%" */
export function formatRate(rate: number): string {
  return PERCENT.format(rate);
}

/** −53.1 → "−53%" (U+2212, which screen readers read as "minus"). */
export function formatChange(percent: number): string {
  return `${CHANGE.format(percent).replace("-", "−")}%`;
}

/** 25, 44 → "25 of 44" */
export function countOf(count: number, n: number): string {
  return `${count} of ${n}`;
}

export function patients(n: number): string {
  return n === 1 ? "1 patient" : `${n} patients`;
}

/** 3 → "3", 2.5 → "2.5" */
export function formatMedian(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export type BarTone = "highlight" | "plain";

/**
 * Theme variables (app/globals.css), so the charts follow light and dark mode. The highlight is
 * the theme's first chart colour and the rest a neutral grey: the two differ in lightness as well
 * as hue, so they stay apart for colour-blind readers and in greyscale print.
 */
export const BAR_COLOUR: Readonly<Record<BarTone, string>> = {
  highlight: "var(--chart-1)",
  plain: "color-mix(in oklch, var(--muted-foreground) 55%, transparent)",
};
