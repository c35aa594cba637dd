/**
 * Front door of the punch-card module (grants, planned clips, registration, budgets, calendar
 * feed): the only file another module, app.ts or the seed may import.
 */
export { punchCardRoutes } from "./routes.js";
// "My day" lists the worker's planned clips beside the detection visits.
export { selectClips } from "./clip-queries.js";
export { dayClipsWhere } from "./day.js";
// The citizen's letter (messaging) prints the card as the course page shows it: one count, never two.
export { punchCard } from "./service.js";
