/**
 * The soak itself, shared by `npm run soak` (one server) and `npm run bench:cluster` (servers
 * behind nginx): sustained mixed traffic against a production server — the caseload page, a
 * patient page, a session page, the caseload API and vitals writes (each with a fresh
 * Idempotency-Key), as a psychiatrist and a nurse. One autocannon instance per kind of request
 * runs in parallel with its share of the connections, so each kind gets its own latency figures.
 * The servers' resident memory is read after a warm-up (at least 30 s, longer until it has
 * stopped moving) and at the end of the measured run; it must not grow by more than 10 % in
 * between.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import {
  cpuSeconds,
  mib,
  normalVitals,
  percentile,
  rssKb,
  signIn,
  todaysSessions,
  vitalsTargets,
} from "./harness";

const MAX_RSS_GROWTH = 0.1;
const WARMUP_STEADY = 0.03;
const WARMUP_WINDOW_S = 20;

export type SoakOptions = {
  /** Where the traffic goes: one server, or a proxy in front of several. */
  url: string;
  minutes: number;
  connections: number;
  warmupSeconds: number;
  warmupMaxSeconds: number;
  /** The local server processes whose memory and CPU are measured (summed); may be empty. */
  pids: number[];
  /** Names the run in the report, when several runs are compared. */
  label?: string;
  /** Says why, if a server started for the run has exited; null while all are up. */
  exited?: () => string | null;
};

export type SoakResult = {
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: string;
  /** The servers' CPU over the measured run, in cores (1 = one core busy throughout). */
  cpuCores: number | null;
  /** How busy the whole machine's cores were over the measured run (0–1), whoever used them. */
  machineBusy: number | null;
  /** This process's CPU over the measured run (autocannon generates the load here), in cores. */
  loadGenCores: number;
  /** Empty when the run passed. */
  problems: string[];
};

/** Summed resident memory of the processes in KiB, or null if none can be read. */
function rssOf(pids: readonly number[]): number | null {
  const kbs = pids.map(rssKb).filter((kb): kb is number => kb !== null);
  return kbs.length === 0 ? null : kbs.reduce((a, kb) => a + kb, 0);
}

/** Busy and total jiffies of all cores together (first line of /proc/stat), or null. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is counted in user already).
    const total = ticks.slice(0, 8).reduce((a, n) => a + n, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function cpuOf(pids: readonly number[]): number | null {
  const seconds = pids.map(cpuSeconds).filter((s): s is number => s !== null);
  return seconds.length === 0 ? null : seconds.reduce((a, s) => a + s, 0);
}

// ---------------------------------------------------------------------------------------------
// The mix.

type Group = "page" | "api read" | "vitals write";

type Kind = {
  label: string;
  group: Group;
  /** Share of the connections out of 50. */
  weight: number;
  cookie: string;
  request: () => autocannon.Request;
};

type Tally = {
  latencies: number[];
  status: Map<number, number>;
  errors: number;
  timeouts: number;
  requests: number;
  seconds: number;
};

const rotate = <T>(items: readonly T[]): (() => T) => {
  let i = 0;
  return () => {
    const item = items[i % items.length];
    i++;
    if (item === undefined) throw new Error("nothing to rotate over");
    return item;
  };
};

function split(total: number, kinds: readonly Kind[]): number[] {
  const sum = kinds.reduce((a, k) => a + k.weight, 0);
  const counts = kinds.map((k) => Math.max(1, Math.floor((total * k.weight) / sum)));
  // Hand out what rounding left over to the largest shares first.
  const order = kinds.map((k, i) => ({ i, w: k.weight })).sort((a, b) => b.w - a.w);
  for (let left = total - counts.reduce((a, n) => a + n, 0), j = 0; left > 0; left--, j++) {
    const at = order[j % order.length]?.i ?? 0;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}

async function run(
  url: string,
  kinds: readonly Kind[],
  connections: readonly number[],
  seconds: number,
  /** Checked every second: true ends the run early (the warm-up ends once memory is steady). */
  enough?: () => boolean,
): Promise<Tally[]> {
  const instances: autocannon.Instance[] = [];
  const check = enough
    ? setInterval(() => {
        if (enough()) for (const instance of instances) instance.stop();
      }, 1_000)
    : null;
  const tallies: Tally[] = kinds.map(() => ({
    latencies: [],
    status: new Map(),
    errors: 0,
    timeouts: 0,
    requests: 0,
    seconds,
  }));
  await Promise.all(
    kinds.map(async (kind, i) => {
      const tally = tallies[i];
      if (!tally) return;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections: connections[i] ?? 1,
            duration: seconds,
            timeout: 30,
            headers: { cookie: kind.cookie },
            requests: [{ setupRequest: (req) => ({ ...req, ...kind.request() }) }],
          },
          (error, done) => (error ? reject(error as Error) : resolve(done)),
        );
        instances.push(instance);
        instance.on("response", (_client, statusCode, _bytes, responseTime) => {
          tally.latencies.push(responseTime);
          tally.status.set(statusCode, (tally.status.get(statusCode) ?? 0) + 1);
        });
      });
      tally.errors = result.errors;
      tally.timeouts = result.timeouts;
      tally.requests = tally.latencies.length;
      tally.seconds = result.duration;
    }),
  );
  if (check) clearInterval(check);
  return tallies;
}

// ---------------------------------------------------------------------------------------------
// Reporting.

export const fmt = (n: number): string => n.toLocaleString("en-US");
export const ms = (n: number): string => (Number.isNaN(n) ? "—" : `${Math.round(n)} ms`);

function summary(tallies: readonly Tally[]): {
  requests: number;
  ok: number;
  redirects: number;
  non2xx: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: string;
} {
  const latencies = tallies.flatMap((t) => t.latencies).sort((a, b) => a - b);
  const status = new Map<number, number>();
  for (const t of tallies)
    for (const [code, n] of t.status) status.set(code, (status.get(code) ?? 0) + n);
  let ok = 0;
  let redirects = 0;
  for (const [code, n] of status) {
    if (code >= 200 && code < 300) ok += n;
    if (code >= 300 && code < 400) redirects += n;
  }
  return {
    requests: latencies.length,
    ok,
    redirects,
    non2xx: latencies.length - ok,
    errors: tallies.reduce((a, t) => a + t.errors, 0),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses: [...status]
      .sort(([a], [b]) => a - b)
      .map(([code, n]) => `${code}×${fmt(n)}`)
      .join(" "),
  };
}

/** Runs the warm-up and the measured soak against `opts.url`, prints the report, returns it. */
export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const url = opts.url;
  const servers = opts.pids.length > 1 ? `${opts.pids.length} servers` : "server";
  const psychiatrist = await signIn(url, "psychiatrist");
  const nurse = await signIn(url, "nurse");

  const caseload = await fetch(`${url}/api/v1/patients`, { headers: { cookie: psychiatrist } });
  if (caseload.status !== 200) throw new Error(`GET /api/v1/patients answered ${caseload.status}`);
  const patients = ((await caseload.json()) as { items: { id: string }[] }).items
    .slice(0, 10)
    .map((p) => p.id);
  if (patients.length === 0) throw new Error("The psychiatrist's caseload is empty.");
  const targets = await vitalsTargets(url, nurse, 8);
  const writeTo = new Set(targets.ids);
  // Session pages of today's other sessions: pages of the sessions being written to would
  // grow by thousands of readings during the soak, which no real session does.
  const today = await todaysSessions(url, nurse);
  const others = today.filter((s) => !writeTo.has(s.id)).map((s) => s.id);
  const sessionPages = others.length > 0 ? others : targets.ids;

  const nextPatient = rotate(patients);
  const nextSessionPage = rotate(sessionPages);
  const nextTarget = rotate(targets.ids);
  const kinds: Kind[] = [
    {
      label: "page /patients",
      group: "page",
      weight: 6,
      cookie: psychiatrist,
      request: () => ({ method: "GET", path: "/patients" }),
    },
    {
      label: "page /patients/[id]",
      group: "page",
      weight: 6,
      cookie: psychiatrist,
      request: () => ({ method: "GET", path: `/patients/${nextPatient()}` }),
    },
    {
      label: "page /sessions/[id]",
      group: "page",
      weight: 6,
      cookie: nurse,
      request: () => ({ method: "GET", path: `/sessions/${nextSessionPage()}` }),
    },
    {
      label: "GET /api/v1/patients",
      group: "api read",
      weight: 12,
      cookie: psychiatrist,
      request: () => ({ method: "GET", path: "/api/v1/patients" }),
    },
    {
      label: "POST …/vitals",
      group: "vitals write",
      weight: 20,
      cookie: nurse,
      request: () => ({
        method: "POST",
        path: `/api/v1/sessions/${nextTarget()}/vitals`,
        headers: {
          cookie: nurse,
          "content-type": "application/json",
          "idempotency-key": randomUUID(),
        },
        body: JSON.stringify(normalVitals()),
      }),
    },
  ];
  const connections = split(opts.connections, kinds);
  const byGroup = (group: Group): number =>
    kinds.reduce((a, k, i) => a + (k.group === group ? (connections[i] ?? 0) : 0), 0);
  const pct = (n: number, of: number): string => `${Math.round((100 * n) / of)} %`;

  console.log(
    `mix over ${opts.connections} connections: pages ${byGroup("page")} (${pct(byGroup("page"), opts.connections)}), API reads ${byGroup("api read")} (${pct(byGroup("api read"), opts.connections)}), vitals writes ${byGroup("vitals write")} (${pct(byGroup("vitals write"), opts.connections)})`,
  );
  for (const [i, kind] of kinds.entries()) {
    console.log(`  ${kind.label.padEnd(22)} ${connections[i]} connections`);
  }
  console.log(
    `patient pages rotate over ${patients.length} patients, session pages over ${sessionPages.length} sessions; vitals go to ${targets.ids.length} sessions (${targets.checkedIn} checked in through the API for this run)`,
  );

  // Warm-up: the V8 heap and Next.js caches grow to their working size under load first. It
  // lasts --warmup seconds at least, then until RSS has held within WARMUP_STEADY for
  // WARMUP_WINDOW_S (at most --warmup-max seconds), so that growth is measured from the plateau.
  let warmedFor = 0;
  if (opts.warmupSeconds > 0) {
    console.log(
      opts.pids.length === 0
        ? `\nwarm-up: ${opts.warmupSeconds} s of the same mix (not counted)…`
        : `\nwarm-up: the same mix (not counted), at least ${opts.warmupSeconds} s, then until ${servers} RSS holds within ${WARMUP_STEADY * 100} % for ${WARMUP_WINDOW_S} s (at most ${opts.warmupMaxSeconds} s)…`,
    );
    const warmStart = Date.now();
    const trace: { t: number; kb: number }[] = [];
    const steady = (): boolean => {
      const t = (Date.now() - warmStart) / 1000;
      const kb = rssOf(opts.pids);
      if (kb !== null) trace.push({ t, kb });
      if (t < opts.warmupSeconds) return false;
      if (opts.pids.length === 0) return true;
      const window = trace.filter((s) => s.t >= t - WARMUP_WINDOW_S).map((s) => s.kb);
      const spanned = (trace[0]?.t ?? t) <= t - WARMUP_WINDOW_S;
      return (
        spanned && (Math.max(...window) - Math.min(...window)) / Math.max(...window) < WARMUP_STEADY
      );
    };
    const warm = summary(
      await run(
        url,
        kinds,
        connections,
        opts.pids.length === 0 ? opts.warmupSeconds : opts.warmupMaxSeconds,
        steady,
      ),
    );
    warmedFor = Math.round((Date.now() - warmStart) / 1000);
    const every = Math.max(1, Math.ceil(trace.length / 12));
    console.log(
      `  warm-up: ${warmedFor} s, ${fmt(warm.requests)} requests, non-2xx ${warm.non2xx}, errors ${warm.errors}${
        trace.length > 0
          ? `; RSS ${trace
              .filter((_, i) => i % every === 0 || i === trace.length - 1)
              .map((s) => `${Math.round(s.t)}s ${Math.round(s.kb / 1024)}`)
              .join(", ")} MiB`
          : ""
      }`,
    );
    if (opts.pids.length > 0 && warmedFor >= opts.warmupMaxSeconds) {
      console.log(
        `  note: RSS was still moving when the warm-up ended at ${opts.warmupMaxSeconds} s`,
      );
    }
  }
  const rssStart = rssOf(opts.pids);
  console.log(
    `${servers} RSS after warm-up: ${rssStart === null ? "not measured (no local pid; pass --pid)" : `${mib(rssStart)} (pid ${opts.pids.join(", ")})`}`,
  );

  // Memory over the run, every 10 s.
  const samples: { t: number; kb: number }[] = [];
  const started = Date.now();
  const cpuStart = cpuOf(opts.pids);
  const loadGenStart = process.cpuUsage();
  const machineStart = machineTicks();
  const sampler =
    opts.pids.length === 0
      ? null
      : setInterval(() => {
          const kb = rssOf(opts.pids);
          if (kb !== null) samples.push({ t: (Date.now() - started) / 1000, kb });
        }, 10_000);

  const seconds = Math.round(opts.minutes * 60);
  console.log(`\nmeasured run: ${opts.minutes} min (${seconds} s)…`);
  const tallies = await run(url, kinds, connections, seconds);
  if (sampler) clearInterval(sampler);
  const rssEnd = rssOf(opts.pids);
  const cpuEnd = cpuOf(opts.pids);
  const loadGen = process.cpuUsage(loadGenStart);
  const machineEnd = machineTicks();
  const machineBusy =
    machineStart && machineEnd && machineEnd.total > machineStart.total
      ? (machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)
      : null;
  const elapsed = Math.max(...tallies.map((t) => t.seconds));

  // A server that died under load is the worst outcome of all: say so before anything else.
  const died = opts.exited?.() ?? null;
  if (died !== null) console.error(`\n${died}`);

  // Vitals written to each session during the run, as the API lists them.
  let rowsPerSession = "";
  const counts: number[] = [];
  if (died === null) {
    for (const id of targets.ids) {
      try {
        const res = await fetch(`${url}/api/v1/sessions/${id}/vitals`, {
          headers: { cookie: nurse },
        });
        if (res.status === 200)
          counts.push(((await res.json()) as { data: unknown[] }).data.length);
        else await res.body?.cancel();
      } catch (error) {
        console.error(
          `GET …/vitals after the run failed: ${String(error)} (${String((error as Error).cause)})`,
        );
      }
    }
  }
  if (counts.length > 0) rowsPerSession = `${Math.min(...counts)}–${Math.max(...counts)}`;

  // ------------------------------------------------------------------------------------------
  const total = summary(tallies);
  const problems: string[] = [];
  console.log(
    `\n=== Soak results${opts.label ? ` — ${opts.label}` : ""} (${opts.minutes} min, ${opts.connections} connections) ===`,
  );
  console.log(`requests               ${fmt(total.requests)}`);
  console.log(`throughput             ${(total.requests / elapsed).toFixed(1)} req/s`);
  console.log(
    `latency overall        p50 ${ms(total.p50)}  p95 ${ms(total.p95)}  p99 ${ms(total.p99)}`,
  );
  console.log(
    `non-2xx                ${fmt(total.non2xx)}${total.non2xx ? `  (${total.statuses})` : ""}`,
  );
  console.log(`errors (incl. timeouts) ${fmt(total.errors)}`);
  if (total.redirects > 0) {
    console.log(
      `note: ${fmt(total.redirects)} redirects (3xx) — signed-in requests should not be redirected`,
    );
  }
  const groups: Group[] = ["page", "api read", "vitals write"];
  console.log(
    `request share          ${groups
      .map((g) => {
        const n = tallies.reduce((a, t, i) => a + (kinds[i]?.group === g ? t.requests : 0), 0);
        return `${g}s ${pct(n, total.requests || 1)}`;
      })
      .join(", ")}`,
  );
  console.log(
    "\nper kind               conns  requests    req/s    p50      p95      p99     non-2xx errors",
  );
  for (const [i, kind] of kinds.entries()) {
    const tally = tallies[i];
    if (!tally) continue;
    const s = summary([tally]);
    console.log(
      `${kind.label.padEnd(22)} ${String(connections[i]).padStart(5)} ${fmt(s.requests).padStart(9)} ${(s.requests / tally.seconds).toFixed(1).padStart(8)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)} ${String(s.non2xx).padStart(7)} ${String(s.errors).padStart(6)}`,
    );
    if (s.non2xx > 0) console.log(`${"".padEnd(22)} statuses: ${s.statuses}`);
  }
  if (cpuStart !== null && cpuEnd !== null) {
    console.log(
      `\n${`${servers} CPU`.padEnd(22)} ${Math.round((100 * (cpuEnd - cpuStart)) / elapsed)} % of one core on average (${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)} at the end)`,
    );
  }
  if (machineBusy !== null) {
    console.log(
      `${"machine CPU busy".padEnd(22)} ${Math.round(machineBusy * 100)} % of all ${os.cpus().length} cores (every process on the machine)`,
    );
  }
  if (rowsPerSession) {
    console.log(`vitals rows per written session at the end: ${rowsPerSession}`);
  }

  if (died !== null) problems.push(died);
  if (total.non2xx > 0) problems.push(`${total.non2xx} non-2xx answers`);
  if (total.errors > 0) problems.push(`${total.errors} request errors`);
  if (total.requests === 0) problems.push("no requests completed");
  console.log("");
  if (rssStart !== null && rssEnd !== null) {
    const growth = (rssEnd - rssStart) / rssStart;
    const peak = Math.max(rssEnd, ...samples.map((s) => s.kb));
    console.log(
      `${`${servers} RSS start`.padEnd(22)} ${mib(rssStart)} (after a ${warmedFor} s warm-up)`,
    );
    console.log(
      `${`${servers} RSS end`.padEnd(22)} ${mib(rssEnd)} (peak ${mib(peak)} over ${samples.length} samples)`,
    );
    console.log(
      `RSS growth             ${(growth * 100).toFixed(1)} % (limit ${MAX_RSS_GROWTH * 100} %)`,
    );
    if (samples.length > 0) {
      const every = Math.max(1, Math.ceil(samples.length / 12));
      console.log(
        `RSS over time          ${samples
          .filter((_, i) => i % every === 0)
          .map((s) => `${Math.round(s.t)}s ${Math.round(s.kb / 1024)}`)
          .join(", ")} MiB`,
      );
    }
    if (growth > MAX_RSS_GROWTH) problems.push(`RSS grew ${(growth * 100).toFixed(1)} %`);
  } else {
    console.log(`${`${servers} RSS`.padEnd(22)} not measured (not local; pass --pid)`);
  }
  console.log(
    `result                 ${problems.length === 0 ? "PASS" : `FAIL — ${problems.join("; ")}`}`,
  );
  return {
    requests: total.requests,
    seconds: elapsed,
    throughput: total.requests / elapsed,
    p50: total.p50,
    p95: total.p95,
    p99: total.p99,
    non2xx: total.non2xx,
    errors: total.errors,
    statuses: total.statuses,
    cpuCores: cpuStart !== null && cpuEnd !== null ? (cpuEnd - cpuStart) / elapsed : null,
    machineBusy,
    loadGenCores: (loadGen.user + loadGen.system) / 1e6 / elapsed,
    problems,
  };
}
