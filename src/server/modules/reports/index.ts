/**
 * Front door of the reports module (status report, funnel, punch-card use, outcome report,
 * exports, the evaluator's dataset): the only file app.ts or a benchmark may import.
 */
export { reportRoutes } from "./routes.js";
// The nightly merge of punch-card use's monthly sums (job-list.ts).
export { reportJobs } from "./clip-use.js";
// bench/reports.ts times these next to the statements they run.
export { funnelReport } from "./funnel.js";
export { statusReport } from "./status.js";
export { trendReport } from "./trend.js";
export { usageReport } from "./usage.js";
// The records of processing (privacy) list what the evaluator's dataset holds, column by column.
export { EVALUATOR_COLUMNS } from "./evaluator.js";
