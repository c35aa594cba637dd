/**
 * Front door of the platform administration (issue 15 point 3, decision 0103): its routes for
 * app.ts, and what `npm run create-platform-admin` needs.
 */
export { platformAdminRoutes } from "./routes.js";
export {
  CreatePlatformAdminError,
  type NewPlatformAdmin,
  PLATFORM_COOKIE,
  checkPlatformAdmin,
  createPlatformAdmin,
} from "./service.js";
