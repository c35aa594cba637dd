/**
 * Front door of the privacy module (issue 13: the citizen's data over time — access, restriction,
 * rectification history, consent withdrawal, anonymisation and erasure, retention rules and their
 * runs, records of processing). The only file another module, app.ts or main.ts may import.
 */
export { privacyRoutes } from "./routes.js";
export { retentionJobs } from "./retention-jobs.js";
export {
  installShippedRetentionRules,
  installShippedRetentionRulesEverywhere,
  listRetentionRules,
} from "./retention-rules-store.js";
