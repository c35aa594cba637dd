/**
 * Front door of the referrals module (advis to the coordinators): the only file another module,
 * app.ts or the seed may import.
 */
export { referralRoutes } from "./routes.js";
// A positive detection form with consent sends a referral (detection → referrals): the one way a
// referral comes into being, with its receipt number and first event.
export { insertReferral, newReceiptNumber } from "./service.js";
// The due lists show referrals still waiting.
export { countReferrals, selectReferrals, statusFilter } from "./queries.js";
