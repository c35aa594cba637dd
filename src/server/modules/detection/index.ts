/**
 * Front door of the detection module (Opspor: screenings, journal notes, detection clips, due
 * lists, triage): the only file app.ts imports. Nothing else reaches into it.
 */
export { detectionRoutes } from "./routes.js";
export { screeningRoutes } from "./screening-routes.js";
