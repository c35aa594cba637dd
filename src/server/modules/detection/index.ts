/**
 * Front door of the detection module (Opspor: screenings, journal notes, detection clips, due
 * lists, triage): the only file app.ts imports. Nothing else reaches into it.
 */
export { detectionRoutes } from "./routes.js";
export { screeningRoutes } from "./screening-routes.js";
// The staff digest (messaging) counts the worker's day by the same filters, without naming anyone.
export { myDayCards } from "./my-day.js";
// The staff digest (messaging) counts referrals waiting longer than the municipality's referralWaitDays.
export { detectionSettings } from "./settings.js";
