/**
 * Typed calls of the evaluation and reporting API (issue 6), shared by the pages in
 * pages/reports and the course page's outcome section. Types only from src/shared, so no
 * schema code lands in a page's bundle; downloads are plain links with the same query string.
 */
import type { z } from "zod";
import type {
  FigureCitizen,
  FunnelReport,
  OutcomeDue,
  OutcomeMeasurement,
  OutcomeReport,
  RecordOutcomeBody,
  ReportQuery,
  StatusFigureKey,
  StatusReport,
  TrendReport,
  UsageReport,
} from "../../../shared/api/reports";
import type { DatasetFormat, ExportedReport } from "../../../domain/vocabulary/reports";
import { api, query } from "../../api/client";

export type FigureCitizenRow = z.infer<typeof FigureCitizen>;
export type OutcomeDueRow = z.infer<typeof OutcomeDue>;
export type Figure = StatusReport["figures"]["formsFilled"];
export type FunnelStep = FunnelReport["steps"][number];
export type UsageLine = UsageReport["kinds"][number];
export type Distribution = UsageReport["minutesPerCourse"];
export type { TrendReport };
export type {
  FunnelReport,
  OutcomeMeasurement,
  RecordOutcomeBody,
  ReportQuery,
  StatusFigureKey,
  StatusReport,
  UsageReport,
};

/** The query string of a report request: period always, scope only when chosen. */
export function reportQueryString(q: ReportQuery, extra: Record<string, string | undefined> = {}): string {
  return query({ from: q.from, to: q.to, providerId: q.providerId, districtId: q.districtId, ...extra });
}

export const reportKeys = {
  status: (q: ReportQuery) => ["reports", "status", q] as const,
  funnel: (q: ReportQuery) => ["reports", "funnel", q] as const,
  usage: (q: ReportQuery) => ["reports", "punch-card", q] as const,
  figureCitizens: (figure: StatusFigureKey, q: ReportQuery, reason: string | undefined) =>
    ["reports", "status", q, figure, reason ?? null] as const,
  /** Under the course's key, so the course page's own refreshes fetch it anew too. */
  outcomes: (courseId: string) => ["courses", "one", courseId, "outcomes"] as const,
  due: (all: boolean) => ["outcomes", "due", all] as const,
};

export const reportsApi = {
  status: (q: ReportQuery, signal?: AbortSignal) =>
    api.get<StatusReport>(`/reports/status${reportQueryString(q)}`, signal),
  figureCitizens: (
    figure: StatusFigureKey,
    q: ReportQuery,
    reason: string | undefined,
    signal?: AbortSignal,
  ) =>
    api.get<FigureCitizenRow[]>(
      `/reports/status/${figure}/citizens${reportQueryString(q, { reason })}`,
      signal,
    ),
  funnel: (q: ReportQuery, signal?: AbortSignal) =>
    api.get<FunnelReport>(`/reports/funnel${reportQueryString(q)}`, signal),
  usage: (q: ReportQuery, signal?: AbortSignal) =>
    api.get<UsageReport>(`/reports/punch-card${reportQueryString(q)}`, signal),
  trend: (q: ReportQuery, signal?: AbortSignal) =>
    api.get<TrendReport>(`/reports/trend${reportQueryString(q)}`, signal),
  outcomeReport: (q: ReportQuery, signal?: AbortSignal) =>
    api.get<OutcomeReport>(`/reports/outcomes${reportQueryString(q)}`, signal),

  outcomes: (courseId: string, signal?: AbortSignal) =>
    api.get<OutcomeMeasurement[]>(`/courses/${courseId}/outcomes`, signal),
  recordOutcome: (
    courseId: string,
    phase: OutcomeMeasurement["phase"],
    body: RecordOutcomeBody,
    key: string,
  ) => api.post<OutcomeMeasurement>(`/courses/${courseId}/outcomes/${phase}`, body, key),
  due: (all: boolean, signal?: AbortSignal) =>
    api.get<OutcomeDueRow[]>(`/outcomes/due${query({ all: all ? "true" : undefined })}`, signal),
};

/** Download addresses: the browser fetches them with the session cookie and saves the file. */
export const reportDownloads = {
  csv: (report: ExportedReport, q: ReportQuery) => `/api/reports/${report}/export.csv${reportQueryString(q)}`,
  workbook: (q: ReportQuery) => `/api/reports/workbook.xlsx${reportQueryString(q)}`,
  evaluatorDataset: (format: DatasetFormat, q: ReportQuery) =>
    `/api/reports/evaluator-dataset.${format}${reportQueryString(q)}`,
};
