/** Front door of the health module (/health, /ready): the only file app.ts imports. */
export { healthRoutes } from "./routes.js";
