/**
 * A report's period and scope live in the URL (?from&to&providerId&districtId, the API's own
 * names), so reload, back and a shared link show the same figures. Without a period the
 * report covers this year up to today (Copenhagen's calendar).
 */
import { copenhagenDate } from "../../../domain/time";
import type { ReportQuery } from "./api";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(value: string | null | undefined): value is string {
  if (!value || !ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function today(): string {
  return copenhagenDate(new Date());
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m - 1, d];
}

export const QUICK_PERIODS = ["thisYear", "last12Months", "thisQuarter", "lastMonth", "lastYear"] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

/** The quick choices' periods as of a day. */
export function quickPeriod(key: QuickPeriod, day: string): { from: string; to: string } {
  const [y, m, d] = parts(day);
  switch (key) {
    case "thisYear":
      return { from: `${y}-01-01`, to: day };
    case "last12Months":
      return { from: iso(utc(y - 1, m, d + 1)), to: day };
    case "thisQuarter":
      return { from: iso(utc(y, m - (m % 3), 1)), to: day };
    case "lastMonth":
      return { from: iso(utc(y, m - 1, 1)), to: iso(utc(y, m, 0)) };
    case "lastYear":
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  }
}

/** The request the URL describes; a missing or broken date falls back to this year up to today. */
export function reportQueryFromParams(params: URLSearchParams, day = today()): ReportQuery {
  const fallback = quickPeriod("thisYear", day);
  const from = params.get("from");
  const to = params.get("to");
  return {
    from: isIsoDay(from) ? from : fallback.from,
    to: isIsoDay(to) ? to : fallback.to,
    providerId: params.get("providerId") || undefined,
    districtId: params.get("districtId") || undefined,
  };
}

export function paramsFromReportQuery(q: ReportQuery): URLSearchParams {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  if (q.providerId) params.set("providerId", q.providerId);
  if (q.districtId) params.set("districtId", q.districtId);
  return params;
}

/** Which quick choice a period is, if any (to mark it current). */
export function quickPeriodOf(q: Pick<ReportQuery, "from" | "to">, day = today()): QuickPeriod | null {
  return (
    QUICK_PERIODS.find((key) => {
      const p = quickPeriod(key, day);
      return p.from === q.from && p.to === q.to;
    }) ?? null
  );
}
