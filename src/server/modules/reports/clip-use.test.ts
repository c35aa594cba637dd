import { describe, expect, it } from "vitest";
import { clipUsePlan } from "./clip-use.js";

/** How many times each day from…to is counted by a plan (months whole, days added or taken off). */
function coverage(from: string, to: string, lo: string, hi: string): Map<string, number> {
  const plan = clipUsePlan(from, to);
  const counts = new Map<string, number>();
  for (let t = Date.parse(`${lo}T00:00:00Z`); t <= Date.parse(`${hi}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    let n = 0;
    if (
      plan.months &&
      `${day.slice(0, 7)}-01` >= plan.months.from &&
      `${day.slice(0, 7)}-01` <= plan.months.to
    )
      n++;
    for (const d of plan.days) if (day >= d.from && day <= d.to) n += d.sign;
    counts.set(day, n);
  }
  return counts;
}

describe("where punch-card use reads a period's clips from", () => {
  it("reads whole months from the sums and the days of a month begun from the clips", () => {
    expect(clipUsePlan("2025-12-07", "2026-12-06")).toEqual({
      months: { from: "2025-12-01", to: "2026-11-01" },
      days: [
        { from: "2025-12-01", to: "2025-12-06", sign: -1 },
        { from: "2026-12-01", to: "2026-12-06", sign: 1 },
      ],
    });
    expect(clipUsePlan("2026-01-01", "2026-12-31")).toEqual({
      months: { from: "2026-01-01", to: "2026-12-01" },
      days: [],
    });
  });

  it("reads a few days from the clips, and most of a month as the month less the days outside", () => {
    expect(clipUsePlan("2026-03-10", "2026-03-20")).toEqual({
      months: null,
      days: [{ from: "2026-03-10", to: "2026-03-20", sign: 1 }],
    });
    expect(clipUsePlan("2026-03-02", "2026-03-30")).toEqual({
      months: { from: "2026-03-01", to: "2026-03-01" },
      days: [
        { from: "2026-03-01", to: "2026-03-01", sign: -1 },
        { from: "2026-03-31", to: "2026-03-31", sign: -1 },
      ],
    });
    expect(clipUsePlan("2028-02-01", "2028-02-29")).toEqual({
      months: { from: "2028-02-01", to: "2028-02-01" },
      days: [],
    });
    expect(clipUsePlan("2026-02-15", "2026-03-14")).toEqual({
      months: null,
      days: [
        { from: "2026-02-15", to: "2026-02-28", sign: 1 },
        { from: "2026-03-01", to: "2026-03-14", sign: 1 },
      ],
    });
    expect(clipUsePlan("2026-03-02", "2026-01-01")).toEqual({ months: null, days: [] });
  });

  it("counts every day of any period once and no other day", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const dayAt = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const wrong: string[] = [];
    for (let i = 0; i < 400; i++) {
      const a = next() % 800;
      const b = a + (next() % (i % 2 === 0 ? 40 : 400));
      const [from, to] = [dayAt(a), dayAt(b)];
      for (const [day, n] of coverage(from, to, dayAt(a - 40), dayAt(b + 40)))
        if (n !== (day >= from && day <= to ? 1 : 0)) wrong.push(`${from} – ${to}: ${day} counted ${n}`);
    }
    expect(wrong).toEqual([]);
  });
});
