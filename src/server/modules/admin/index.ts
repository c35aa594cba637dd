/**
 * Front door of the admin module (organisations, districts, users, the security log, the job
 * status): the only file another module, app.ts or the seed may import. It registers routes and
 * lends the marker a membership's password column holds (the demo seed makes one, decision 0104).
 */
export { adminRoutes } from "./routes.js";
export { securityEventRoutes } from "./security-events.js";
export { jobRoutes } from "./jobs-routes.js";
export { MEMBERSHIP_NO_PASSWORD } from "./memberships.js";
