/**
 * Front door of the auth module (login, logout, me, change password, lock-out): the only file
 * another module, app.ts or the seed may import.
 */
export { authRoutes } from "./routes.js";
// An administrator's user list shows who is held up and lifts the wait (admin/service.ts); the
// lock-out table stays this module's.
export { isDelayedSql, unlockUsername } from "./throttle.js";
