/**
 * Front door of the courses module (the course, its guides and definitions): the only file another
 * module, app.ts or the seed may import.
 */
export { courseRoutes } from "./routes.js";
// Accepting a referral opens a course (referrals → courses, never the other way).
export { openCourse } from "./service.js";
// Placements, punch card and reports act on a course: load it for an action (404/403), check it is
// open, and describe its citizen to the policy.
export { assertOpen, loadCourseFor } from "./service.js";
export { type CourseRow, citizenResourceOf } from "./queries.js";
// The municipality's versioned course definitions (interest taxonomy, barriers, punch-card frame)
// and the citizen's profile, which matching and the catalog read.
export {
  currentDefinition,
  currentPunchCardPolicy,
  installShippedCourseDefinitions,
  installShippedCourseDefinitionsEverywhere,
} from "./course-definitions.js";
export { currentProfile } from "./profile.js";
export { localText } from "./detail.js";
// The citizen's letter (messaging) names the agreed interventions.
export { selectInterventions } from "./detail.js";
// The staff digest (messaging) counts overdue follow-ups and cards running low from the caseload's lines.
export { caseloadSummaries } from "./service.js";
