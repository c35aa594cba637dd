/**
 * Front door of the placements module (matching, placements, volunteer-centre referrals, small
 * communities): the only file another module, app.ts, the seed or a benchmark may import.
 */
export { placementRoutes } from "./routes.js";
// The status report counts volunteer-centre referrals from the same SQL as this module's figures.
export { volunteerFigureSource } from "./volunteer-figures.js";
// The demo seed places citizens the way a coordinator does; bench/matching.ts records its statements.
export { findMatches } from "./matching.js";
export { createPlacement, movePlacementStatus } from "./service.js";
export { answerVolunteerReferral, createVolunteerReferral } from "./volunteer.js";
export { createCommunity, recordMeeting } from "./communities.js";
