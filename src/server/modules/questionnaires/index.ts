/**
 * Front door of the questionnaires module: questionnaire definitions as versioned data per
 * municipality, scoring a filled form, and outcome measurement (the outcome questionnaire a course
 * schedules at baseline and follow-up). The only file another module, app.ts or the seed may import.
 * It imports no other module: detection, courses and reports depend on it, never the reverse.
 */
// The instruments: shipped defaults, versions, publishing (routes in detection/screening-routes.ts).
export {
  getQuestionnaire,
  installShippedQuestionnaires,
  listQuestionnaires,
  listVersions,
  publishQuestionnaire,
  setQuestionnaireActive,
} from "./service.js";
// A detection form is scored by the same engine as an outcome questionnaire.
export { activeQuestionnaire, scoreQuestionnaire } from "./scoring.js";
// Opening a course schedules its outcome questionnaire (courses → questionnaires); the reports read
// the measurements and the municipality's evaluation settings (routes in reports/routes.ts).
export {
  courseOutcomes,
  evaluationSettings,
  outcomesDue,
  recordOutcome,
  scheduleOutcomes,
  totalOf,
} from "./outcomes.js";
