import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
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
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { loadCourseFor } from "../courses/service.js";
import { citizenResourceOf } from "../courses/queries.js";
import { courseOutcomes, outcomesDue, recordOutcome } from "./outcomes.js";
import { getEvaluationSettings, updateEvaluationSettings } from "./evaluation-settings.js";
import { evaluatorDataset } from "./evaluator.js";
import { type ReportName, reportCsv, reportWorkbook } from "./exports.js";
import { funnelReport } from "./funnel.js";
import { outcomeReport } from "./outcome-report.js";
import { trendReport } from "./trend.js";
import { statusFigureCitizens, statusReport } from "./status.js";
import { usageReport } from "./usage.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["evaluation"];

export async function reportRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/courses/:id/outcomes",
    { schema: { tags, summary: "The course's outcome questionnaires: baseline and follow-up, due dates and results", params: IdParams, response: { 200: z.array(OutcomeMeasurement), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction(async (tx) => {
        const course = await loadCourseFor(tx, ctx, request.params.id, "course.read");
        return courseOutcomes(tx, ctx, course, citizenResourceOf(course));
      });
    },
  );

  app.post(
    "/courses/:id/outcomes/:phase",
    {
      schema: {
        tags,
        summary: "Record the baseline or follow-up outcome questionnaire (the scheduled instrument)",
        params: OutcomeParams,
        body: RecordOutcomeBody,
        response: { 201: OutcomeMeasurement, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await recordOutcome(tx, ctx, request.params.id, request.params.phase, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/evaluation/settings",
    { schema: { tags, summary: "The follow-up questionnaire's window and when a detection form serves as the baseline", response: { 200: EvaluationSettings, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getEvaluationSettings(tx, ctx));
    },
  );
  app.patch(
    "/evaluation/settings",
    {
      schema: {
        tags,
        summary: "Change the follow-up window (months after the baseline) and the days a detection form serves as the baseline (administrators)",
        body: UpdateEvaluationSettingsBody,
        response: { 200: EvaluationSettings, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => updateEvaluationSettings(tx, ctx, request.body));
    },
  );

  app.get(
    "/outcomes/due",
    { schema: { tags, summary: "Outcome questionnaires due (my courses; all=true for everyone's)", querystring: OutcomeDueQuery, response: { 200: z.array(OutcomeDue), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => outcomesDue(tx, ctx, request.query));
    },
  );

  app.get(
    "/reports/status",
    {
      schema: {
        tags,
        summary: "The status report (Holstebro's table) for a period and scope",
        description: "Small numbers are suppressed for roles without citizen access (the evaluator).",
        querystring: ReportQuery,
        response: { 200: StatusReport, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => statusReport(tx, ctx, request.query));
    },
  );

  app.get(
    "/reports/status/:figure/citizens",
    {
      schema: {
        tags,
        summary: "The citizens behind one figure of the status report (roles with citizen access)",
        params: z.strictObject({ figure: StatusFigureKey }),
        querystring: FigureCitizensQuery,
        response: { 200: z.array(FigureCitizen), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => statusFigureCitizens(tx, ctx, request.params.figure, request.query));
    },
  );

  app.get(
    "/reports/funnel",
    {
      schema: {
        tags,
        summary: "The funnel from noticed to still taking part, with drop-out per step, per district and provider",
        querystring: ReportQuery,
        response: { 200: FunnelReport, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => funnelReport(tx, ctx, request.query));
    },
  );

  app.get(
    "/reports/punch-card",
    {
      schema: {
        tags,
        summary: "Punch-card use: granted, planned, used and cancelled per kind, provider and district; minutes per course; accompaniment by form. Opsporingsklip count as kind \"detection\".",
        querystring: ReportQuery,
        response: { 200: UsageReport, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => usageReport(tx, ctx, request.query));
    },
  );

  app.get(
    "/reports/:report/export.csv",
    {
      schema: {
        tags,
        summary: "A report as CSV (status, funnel or punch-card)",
        params: z.strictObject({ report: z.enum(["status", "funnel", "punch-card"]) }),
        querystring: ReportQuery,
        produces: ["text/csv"],
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const name = request.params.report as ReportName;
      const csv = await db.transaction((tx) => reportCsv(tx, ctx, name, request.query));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="broen-${name}-${request.query.from}-${request.query.to}.csv"`)
        .send(csv as never);
    },
  );

  app.get(
    "/reports/workbook.xlsx",
    {
      schema: {
        tags,
        summary: "Status, funnel and punch-card use as one Excel workbook",
        querystring: ReportQuery,
        produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const xlsx = await db.transaction((tx) => reportWorkbook(tx, ctx, request.query));
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="broen-rapport-${request.query.from}-${request.query.to}.xlsx"`)
        .send(xlsx as never);
    },
  );

  app.get(
    "/reports/evaluator-dataset.:format",
    {
      schema: {
        tags,
        summary: "The pseudonymised dataset for the external evaluator (csv or xlsx): stable pseudonyms, birth year, no names, CPR or notes",
        params: z.strictObject({ format: z.enum(["csv", "xlsx"]) }),
        querystring: ReportQuery,
        produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const { format } = request.params;
      const data = await db.transaction((tx) => evaluatorDataset(tx, ctx, request.query, format));
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="broen-evaluering-${request.query.from}-${request.query.to}.${format}"`)
        .send(data as never);
    },
  );

  app.get(
    "/reports/outcomes",
    {
      schema: {
        tags,
        summary: "Change in loneliness: baseline/follow-up pairs, mean change, share who left loneliness, and the number of pairs",
        querystring: ReportQuery,
        response: { 200: OutcomeReport, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => outcomeReport(tx, ctx, request.query));
    },
  );

  app.get(
    "/reports/trend",
    { schema: { tags, summary: "Month by month: detection forms, assessed lonely, courses started, clips used", querystring: ReportQuery, response: { 200: TrendReport, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => trendReport(tx, ctx, request.query));
    },
  );
}
