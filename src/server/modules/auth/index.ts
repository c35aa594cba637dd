/**
 * Front door of the auth module (login, logout, me, change password, lock-out): the only file
 * another module, app.ts or the seed may import.
 */
export { authRoutes } from "./routes.js";
// An administrator's user list shows who is held up and lifts the wait (admin/service.ts); the
// lock-out table stays this module's.
export { isDelayedSql, unlockUsername } from "./throttle.js";
// The records of processing (privacy) state the lock-out as it is configured here.
export { FIRST_DELAY_SECONDS, FREE_FAILURES, MAX_DELAY_SECONDS } from "./throttle.js";
// The platform administrators' login (platform-admin) counts its failures with the same lock-out.
export { clearFailures, recordFailure, secondsToWait } from "./throttle.js";
// Staff in several municipalities (decision 0104): administration's reads and endings across the
// row-level security (decision 0106), each limited to one person's rows, stay in auth.
export { endAccessEverywhere, loginMunicipalityNames, loginRowByUsername } from "./municipalities.js";
