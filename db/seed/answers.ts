/**
 * Item-level answers that add up to a wanted total, so every stored assessment is a valid answer
 * set that the real scoring function then scores (totals, bands and flags are never made up here).
 */
import { INSTRUMENTS, type CssrsRisk, type InstrumentCode } from "@/lib/clinical/instruments";
import type { Random } from "./random";

/** Core items a depressed or anxious patient tends to endorse most (1-based item numbers). */
const HEAVY_ITEMS: Partial<Record<InstrumentCode, readonly number[]>> = {
  "PHQ-9": [1, 2, 3, 4],
  "GAD-7": [1, 2, 3],
  MADRS: [1, 2, 3, 7, 8],
  "PCL-5": [1, 4, 5, 11, 17, 20],
};

/** Spreads `total` over the items, respecting the item maximum and any fixed items. */
function spread(
  rng: Random,
  total: number,
  max: number,
  fixed: readonly (number | null)[],
  heavy: readonly number[] = [],
): number[] {
  const values = fixed.map((v) => v ?? 0);
  const open = fixed.flatMap((v, i) => (v === null ? [i] : []));
  const weighted = open.flatMap((i) => (heavy.includes(i + 1) ? [i, i] : [i]));
  let remaining = Math.min(total - values.reduce((a, v) => a + v, 0), open.length * max);
  while (remaining > 0) {
    const candidates = weighted.filter((i) => (values[i] ?? max) < max);
    const i = rng.pick(candidates);
    values[i] = (values[i] ?? 0) + 1;
    remaining -= 1;
  }
  return values;
}

export type AnswerOptions = {
  /** Suicidal-ideation item: PHQ-9 item 9, MADRS item 10, QIDS-SR16 item 12. */
  suicidalItem?: number;
  cssrsRisk?: CssrsRisk;
};

function qidsItems(rng: Random, total: number, suicidalItem: number): number[] {
  // Domains in order: sleep, sad mood, appetite/weight, concentration, self-view, suicidal
  // ideation, interest, energy, psychomotor.
  const domains = spread(
    rng,
    total,
    3,
    [null, null, null, null, null, suicidalItem, null, null, null],
    [1, 2, 7, 8],
  );
  const [
    sleep = 0,
    mood = 0,
    appetite = 0,
    conc = 0,
    self = 0,
    si = 0,
    interest = 0,
    energy = 0,
    motor = 0,
  ] = domains;
  const upTo = (v: number): number => rng.int(0, v);
  // One item of each max-domain carries the domain score; the others sit at or below it.
  const sleepItems = [upTo(sleep), upTo(sleep), upTo(sleep), 0];
  sleepItems[rng.int(0, 2)] = sleep;
  const decreased = rng.chance(0.7);
  const appetiteItems = decreased
    ? [appetite, 0, upTo(appetite), 0]
    : [0, appetite, 0, upTo(appetite)];
  const motorItems = rng.chance(0.5) ? [motor, upTo(motor)] : [upTo(motor), motor];
  return [...sleepItems, mood, ...appetiteItems, conc, self, si, interest, energy, ...motorItems];
}

function cssrsItems(risk: CssrsRisk): number[] {
  switch (risk) {
    case "none":
      return [0, 0, 0, 0, 0, 0, 0];
    case "low":
      // Wish to be dead, no active thoughts.
      return [1, 0, 0, 0, 0, 0, 0];
    case "moderate":
      // Active thoughts with a method considered, no intent or plan, no behaviour.
      return [1, 1, 1, 0, 0, 0, 0];
    case "high":
      return [1, 1, 1, 1, 0, 0, 0];
    default: {
      const unreachable: never = risk;
      throw new Error(`Unknown risk ${String(unreachable)}`);
    }
  }
}

export function answersFor(
  rng: Random,
  code: InstrumentCode,
  target: number,
  options: AnswerOptions = {},
): number[] {
  const def = INSTRUMENTS[code];
  const total = Math.max(0, Math.min(def.totalMax ?? 0, Math.round(target)));
  const si = options.suicidalItem ?? 0;
  const free = (n: number): (number | null)[] => Array.from({ length: n }, () => null);
  switch (code) {
    case "PHQ-9":
      return spread(rng, Math.max(total, si), 3, [...free(8), si], HEAVY_ITEMS[code]);
    case "MADRS":
      return spread(rng, Math.max(total, si), 6, [...free(9), si], HEAVY_ITEMS[code]);
    case "QIDS-SR16":
      return qidsItems(rng, Math.max(total, si), si);
    case "GAD-7":
    case "PCL-5":
    case "CADSS":
      return spread(rng, total, def.itemMax, free(def.itemCount), HEAVY_ITEMS[code]);
    case "C-SSRS":
      return cssrsItems(options.cssrsRisk ?? "none");
    default: {
      const unreachable: never = code;
      throw new Error(`Unknown instrument ${String(unreachable)}`);
    }
  }
}
