/**
 * The words of evaluation and reporting (issue 6): the status report's figures, the funnel's
 * steps and the phases of an outcome measurement. Their definitions in words are in the reports
 * i18n (`definitions.*`), rendered into docs/REPORTS.md.
 */

export const STATUS_FIGURES = [
  "formsFilled",
  "formsAnswered",
  "excluded",
  "assessedLonely",
  "baselineQuestionnaires",
  "followUpQuestionnaires",
  "volunteerReferrals",
  "matched",
  "matchesEnded",
  "targetGroup",
  "entered",
  "left",
] as const;
export type StatusFigureKey = (typeof STATUS_FIGURES)[number];

export const FUNNEL_STEPS = [
  "noticed",
  "screened",
  "lonely",
  "consented",
  "referred",
  "courseStarted",
  "triedActivity",
  "stillTakingPart",
] as const;
export type FunnelStepKey = (typeof FUNNEL_STEPS)[number];

/** An outcome questionnaire at the course's start, and again some months later. */
export const OUTCOME_PHASES = ["baseline", "follow_up"] as const;
export type OutcomePhase = (typeof OUTCOME_PHASES)[number];

/** The reports that export as CSV (GET /reports/:report/export.csv). */
export const EXPORTED_REPORTS = ["status", "funnel", "punch-card"] as const;
export type ExportedReport = (typeof EXPORTED_REPORTS)[number];

/** The evaluator's dataset as CSV or as an Excel workbook. */
export const DATASET_FORMATS = ["csv", "xlsx"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];
