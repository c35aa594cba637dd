import { z } from "zod";
import { DATASET_FORMATS, EXPORTED_REPORTS } from "../../../domain/vocabulary/reports.js";
import { IdParams } from "../../../shared/api/common.js";
import {
  EvaluationSettings,
  FigureCitizen,
  FigureCitizensQuery,
  FunnelReport,
  OutcomeDue,
  OutcomeDueQuery,
  OutcomeMeasurement,
  OutcomeParams,
  OutcomeReport,
  RecordOutcomeBody,
  ReportQuery,
  StatusFigureKey,
  StatusReport,
  TrendReport,
  UpdateEvaluationSettingsBody,
  UsageReport,
} from "../../../shared/api/reports.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { citizenResourceOf, loadCourseFor } from "../courses/index.js";
import { courseOutcomes, outcomesDue, recordOutcome } from "../questionnaires/index.js";
import { getEvaluationSettings, updateEvaluationSettings } from "./evaluation-settings.js";
import { evaluatorDataset } from "./evaluator.js";
import { type ReportName, reportCsv, reportWorkbook } from "./exports.js";
import { funnelReport } from "./funnel.js";
import { outcomeReport } from "./outcome-report.js";
import { trendReport } from "./trend.js";
import { statusFigureCitizens, statusReport } from "./status.js";
import { usageReport } from "./usage.js";

const tags = ["evaluation"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const settingsOnly = { none: "the municipality's evaluation settings name no one" } as const;
/** An export records itself and the reading of each report it is made of (status, funnel, punch-card use). */
const exported = {
  records: [
    { action: "export", entity: "report" },
    { action: "read", entity: "status_report" },
    { action: "read", entity: "funnel_report" },
    { action: "read", entity: "usage_report" },
  ],
} as const;

export async function reportRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/outcomes",
    tags,
    summary: "The course's outcome questionnaires: baseline and follow-up, due dates and results",
    access: { action: "course.read" },
    audit: { records: [{ action: "read", entity: "outcome_measurements" }] },
    params: IdParams,
    response: z.array(OutcomeMeasurement),
    handler: async ({ tx, ctx, params }) => {
      const course = await loadCourseFor(tx, ctx, params.id, "course.read");
      return courseOutcomes(tx, ctx, course, citizenResourceOf(course));
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/outcomes/:phase",
    tags,
    summary: "Record the baseline or follow-up outcome questionnaire (the scheduled instrument)",
    access: { action: "course.manage" },
    audit: { records: [{ action: "create", entity: "outcome_measurement" }] },
    params: OutcomeParams,
    body: RecordOutcomeBody,
    response: OutcomeMeasurement,
    status: 201,
    handler: ({ tx, ctx, params, body }) => recordOutcome(tx, ctx, params.id, params.phase, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/evaluation/settings",
    tags,
    summary: "The follow-up questionnaire's window and when a detection form serves as the baseline",
    // The service skips the check for the administrator, who may read reports as well.
    access: { action: "report.view" },
    audit: settingsOnly,
    response: EvaluationSettings,
    handler: ({ tx, ctx }) => getEvaluationSettings(tx, ctx),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/evaluation/settings",
    tags,
    summary:
      "Change the follow-up window (months after the baseline) and the days a detection form serves as the baseline (administrators)",
    access: { action: "settings.manage" },
    audit: settingsOnly,
    body: UpdateEvaluationSettingsBody,
    response: EvaluationSettings,
    handler: ({ tx, ctx, body }) => updateEvaluationSettings(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/outcomes/due",
    tags,
    summary: "Outcome questionnaires due (my courses; all=true for everyone's)",
    access: { action: "course.caseload" },
    // An empty list records one search row with hits: 0.
    audit: { records: [{ action: "search", entity: "outcome_measurement" }] },
    querystring: OutcomeDueQuery,
    response: z.array(OutcomeDue),
    handler: ({ tx, ctx, query }) => outcomesDue(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/status",
    tags,
    summary: "The status report (Holstebro's table) for a period and scope",
    description: "Small numbers are suppressed for roles without citizen access (the evaluator).",
    access: { action: "report.view" },
    audit: { records: [{ action: "read", entity: "status_report" }] },
    querystring: ReportQuery,
    response: StatusReport,
    handler: ({ tx, ctx, query }) => statusReport(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/status/:figure/citizens",
    tags,
    summary: "The citizens behind one figure of the status report (roles with citizen access)",
    access: { action: "report.citizens" },
    // One search row per citizen shown; none shown records one search of the report with hits: 0.
    audit: {
      records: [
        { action: "search", entity: "citizen" },
        { action: "search", entity: "status_report" },
      ],
    },
    params: z.strictObject({ figure: StatusFigureKey }),
    querystring: FigureCitizensQuery,
    response: z.array(FigureCitizen),
    handler: ({ tx, ctx, params, query }) => statusFigureCitizens(tx, ctx, params.figure, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/funnel",
    tags,
    summary:
      "The funnel from noticed to still taking part, with drop-out per step, per district and provider",
    access: { action: "report.view" },
    audit: { records: [{ action: "read", entity: "funnel_report" }] },
    querystring: ReportQuery,
    response: FunnelReport,
    handler: ({ tx, ctx, query }) => funnelReport(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/punch-card",
    tags,
    summary:
      'Punch-card use: granted, planned, used and cancelled per kind, provider and district; minutes per course; accompaniment by form. Opsporingsklip count as kind "detection".',
    access: { action: "report.view" },
    audit: { records: [{ action: "read", entity: "usage_report" }] },
    querystring: ReportQuery,
    response: UsageReport,
    handler: ({ tx, ctx, query }) => usageReport(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/:report/export.csv",
    produces: ["text/csv"],
    tags,
    summary: "A report as CSV (status, funnel or punch-card)",
    access: { action: "report.view" },
    audit: exported,
    params: z.strictObject({ report: z.enum(EXPORTED_REPORTS) }),
    querystring: ReportQuery,
    handler: async ({ tx, ctx, params, query, reply }) => {
      const name = params.report as ReportName;
      const csv = await reportCsv(tx, ctx, name, query);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="broen-${name}-${query.from}-${query.to}.csv"`);
      return csv;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/workbook.xlsx",
    produces: [XLSX],
    tags,
    summary: "Status, funnel and punch-card use as one Excel workbook",
    access: { action: "report.view" },
    audit: exported,
    querystring: ReportQuery,
    handler: async ({ tx, ctx, query, reply }) => {
      const xlsx = await reportWorkbook(tx, ctx, query);
      reply
        .type(XLSX)
        .header("content-disposition", `attachment; filename="broen-rapport-${query.from}-${query.to}.xlsx"`);
      return xlsx;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/evaluator-dataset.:format",
    produces: ["text/csv", XLSX],
    tags,
    summary:
      "The pseudonymised dataset for the external evaluator (csv or xlsx): stable pseudonyms, birth year, no names, CPR or notes",
    access: { action: "report.evaluatorExport" },
    audit: { records: [{ action: "export", entity: "evaluator_dataset" }] },
    params: z.strictObject({ format: z.enum(DATASET_FORMATS) }),
    querystring: ReportQuery,
    handler: async ({ tx, ctx, params, query, reply }) => {
      const { format } = params;
      const data = await evaluatorDataset(tx, ctx, query, format);
      reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : XLSX)
        .header(
          "content-disposition",
          `attachment; filename="broen-evaluering-${query.from}-${query.to}.${format}"`,
        );
      return data;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/outcomes",
    tags,
    summary:
      "Change in loneliness: baseline/follow-up pairs, mean change, share who left loneliness, and the number of pairs",
    access: { action: "report.view" },
    audit: { records: [{ action: "read", entity: "outcome_report" }] },
    querystring: ReportQuery,
    response: OutcomeReport,
    handler: ({ tx, ctx, query }) => outcomeReport(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/reports/trend",
    tags,
    summary: "Month by month: detection forms, assessed lonely, courses started, clips used",
    access: { action: "report.view" },
    audit: { records: [{ action: "read", entity: "trend_report" }] },
    querystring: ReportQuery,
    response: TrendReport,
    handler: ({ tx, ctx, query }) => trendReport(tx, ctx, query),
  });
}
