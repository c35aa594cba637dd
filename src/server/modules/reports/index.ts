/**
 * Front door of the reports module (status report, funnel, punch-card use, outcome report,
 * exports, the evaluator's dataset): the only file app.ts or a benchmark may import.
 */
export { reportRoutes } from "./routes.js";
// bench/reports.ts times the two heaviest reports.
export { funnelReport } from "./funnel.js";
export { statusReport } from "./status.js";
