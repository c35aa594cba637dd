/**
 * Printing: one line per autocannon run as it finishes, then per route and connection count the
 * medians over the rounds, the two cost ratios with their spread, and the budget lines of issue
 * 19 (points 1 and 4). A ratio is "how many times Broen's cost": for throughput the bare side's
 * req/s ÷ Broen's, for p99 Broen's ÷ the bare side's — above 1 Broen is the slower.
 * A run with errors, timeouts or non-2xx answers is not a measurement: it is flagged, and its
 * route's budget line says so instead of OK/OVER.
 */
import type { LoadResult } from "./load.js";
import type { BenchRoute } from "./routes.js";
import type { Measurement, Target } from "./runner.js";

const fmt = (n: number, digits = 0) => n.toFixed(digits);
/** req/s: whole numbers, one decimal below 10 (a slow route on a busy machine). */
const rate = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
/** Failed requests; a run that completed none at all counts as failed too (its latencies are 0). */
const failures = (r: LoadResult) => r.errors + r.timeouts + r.non2xx + (r.requests === 0 ? 1 : 0);

export function runLine(m: Measurement, title: string): string {
  const r = m.result;
  const bad = failures(r);
  return `  round ${m.round}  ${title.padEnd(44)} ${String(m.connections).padStart(2)} conn  ${m.target.padEnd(6)} ${rate(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50, 1).padStart(6)} ms  p95 ${fmt(r.p95, 1).padStart(6)} ms  p99 ${fmt(r.p99, 1).padStart(6)} ms  cpu ${fmt(m.cpuMsPerRequest, 2).padStart(5)} ms/req  loop max ${fmt(m.loopMaxMs, 0).padStart(3)} ms  (drained ${fmt(m.drained, 1)} s)${bad ? `  !! ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts ${r.firstFailure ?? ""}` : ""}`;
}

interface Ratio {
  median: number;
  min: number;
  max: number;
}

function ratios(values: number[]): Ratio {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const showRatio = (r: Ratio) => `${fmt(r.median, 2)}× (${fmt(r.min, 2)}–${fmt(r.max, 2)})`;

export interface RowSummary {
  route: string;
  title: string;
  connections: number;
  median: Record<Target, { rps: number; p50: number; p95: number; p99: number; cpu: number }>;
  replay: { rps: Ratio; p99: Ratio };
  data: { rps: Ratio; p99: Ratio };
  failed: number;
  budget: string;
}

export function summarise(routes: readonly BenchRoute[], all: readonly Measurement[]): RowSummary[] {
  const rows: RowSummary[] = [];
  for (const route of routes) {
    const counts = [...new Set(all.filter((m) => m.route === route.name).map((m) => m.connections))];
    for (const connections of counts) {
      const of = (target: Target) =>
        all.filter((m) => m.route === route.name && m.connections === connections && m.target === target);
      const rounds = [...new Set(of("broen").map((m) => m.round))];
      const at = (target: Target, round: number) => of(target).find((m) => m.round === round)?.result;
      const pairs = (other: Target) =>
        rounds.flatMap((round) => {
          const b = at("broen", round);
          const o = at(other, round);
          return b && o ? [{ rps: o.rps / b.rps, p99: b.p99 / o.p99 }] : [];
        });
      const med = (target: Target) => {
        const results = of(target).map((m) => m.result);
        return {
          cpu: median(of(target).map((m) => m.cpuMsPerRequest)),
          rps: median(results.map((r) => r.rps)),
          p50: median(results.map((r) => r.p50)),
          p95: median(results.map((r) => r.p95)),
          p99: median(results.map((r) => r.p99)),
        };
      };
      const replayPairs = pairs("replay");
      const dataPairs = pairs("data");
      if (replayPairs.length === 0 || dataPairs.length === 0) continue;
      const row: RowSummary = {
        route: route.name,
        title: route.title,
        connections,
        median: { broen: med("broen"), replay: med("replay"), data: med("data") },
        replay: { rps: ratios(replayPairs.map((p) => p.rps)), p99: ratios(replayPairs.map((p) => p.p99)) },
        data: { rps: ratios(dataPairs.map((p) => p.rps)), p99: ratios(dataPairs.map((p) => p.p99)) },
        failed: [...of("broen"), ...of("replay"), ...of("data")].reduce((n, m) => n + failures(m.result), 0),
        budget: "",
      };
      row.budget = budgetOf(route, row);
      rows.push(row);
    }
  }
  return rows;
}

/**
 * Issue 19: ≤ 1.3× replay and ≤ 2× data (req/s and p99); the burst at 50: no errors, ≤ 1.3× replay req/s, p99 ≤ 2× replay;
 * point 2: name search, caseload and timeline under their p95 at one connection (the median of the rounds' p95).
 */
function budgetOf(route: BenchRoute, row: RowSummary): string {
  if (row.failed > 0) return `INVALID (${row.failed} failed requests)`;
  const checks: [string, boolean][] =
    route.write && row.connections >= 50
      ? [
          ["req/s ≤ 1.3× replay", row.replay.rps.median <= 1.3],
          ["p99 ≤ 2× replay", row.replay.p99.median <= 2],
        ]
      : [
          ["req/s ≤ 1.3× replay", row.replay.rps.median <= 1.3],
          ["p99 ≤ 1.3× replay", row.replay.p99.median <= 1.3],
          ["req/s ≤ 2× data", row.data.rps.median <= 2],
          ["p99 ≤ 2× data", row.data.p99.median <= 2],
        ];
  if (route.p95BudgetMs !== undefined && row.connections === 1)
    checks.push([`p95 < ${route.p95BudgetMs} ms`, row.median.broen.p95 < route.p95BudgetMs]);
  return checks.map(([what, ok]) => `${what} ${ok ? "OK" : "OVER"}`).join(" · ");
}

export function printSummary(rows: readonly RowSummary[], rounds: number): void {
  console.log(`\nMedians over ${rounds} round(s); ratios: median (min–max over the rounds)`);
  console.log(
    `${"route".padEnd(44)} conn | ${"Broen req/s p50 p95 p99".padEnd(29)} | ${"replay req/s p50 p99".padEnd(22)} | ${"data req/s p50 p99".padEnd(22)} | ${"B÷replay req/s".padEnd(19)} ${"B÷replay p99".padEnd(19)} | ${"B÷data req/s".padEnd(19)} ${"B÷data p99"}`,
  );
  const cell = (t: { rps: number; p50: number; p95: number; p99: number }, p95 = false) =>
    `${rate(t.rps).padStart(6)} ${fmt(t.p50, 1).padStart(6)}${p95 ? ` ${fmt(t.p95, 1).padStart(6)}` : ""} ${fmt(t.p99, 1).padStart(7)}`.padEnd(
      p95 ? 29 : 22,
    );
  for (const r of rows) {
    console.log(
      `${r.title.padEnd(44)} ${String(r.connections).padStart(4)} | ${cell(r.median.broen, true)} | ${cell(r.median.replay)} | ${cell(r.median.data)} | ${showRatio(r.replay.rps).padEnd(19)} ${showRatio(r.replay.p99).padEnd(19)} | ${showRatio(r.data.rps).padEnd(19)} ${showRatio(r.data.p99)}`,
    );
  }
  console.log(
    "\nServer CPU per answered request, ms (this process: Broen, or the bare server replaying its statements; medians):",
  );
  for (const r of rows) {
    const { broen, replay, data } = r.median;
    console.log(
      `  ${`${r.title}, ${r.connections} conn`.padEnd(52)} Broen ${fmt(broen.cpu, 2).padStart(6)} · replay ${fmt(replay.cpu, 2).padStart(6)} · data ${fmt(data.cpu, 2).padStart(6)} · Broen's own ${fmt(broen.cpu - replay.cpu, 2).padStart(6)}`,
    );
  }
  console.log("\nBudgets (issue 19: points 1, 2 and 4; medians of the per-round ratios and p95s):");
  for (const r of rows) console.log(`  ${`${r.title}, ${r.connections} conn`.padEnd(52)} ${r.budget}`);
  const failed = rows.filter((r) => r.failed > 0);
  if (failed.length > 0)
    console.log(`\n!! ${failed.length} row(s) had failed requests: those numbers are not a measurement.`);
}
