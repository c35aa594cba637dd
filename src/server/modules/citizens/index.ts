/**
 * Front door of the citizens module (the register): the only file another module, app.ts or the
 * seed may import.
 */
export { citizenRoutes } from "./routes.js";
// Every citizen-scoped service elsewhere starts here: load the citizen (404 outside the tenant,
// 403 inside) and describe them to the policy.
export { asResource, loadCitizenFor } from "./service.js";
// Restriction of processing (art. 18): courses' loadCourseFor opens a course's citizen through the same
// gate, and screenings, volunteer referrals and placements refuse new processing with it.
export { assertMayOpen, assertMayProcess } from "./processing.js";
// The privacy module presents the rectification history against the register as it is now.
export { registerValues } from "./revisions.js";
// The care-record import (issue 14) writes the register in bulk and keeps the same rectification history.
export { recordRevision } from "./revisions.js";
// The right-of-access export (privacy) carries the citizen's audit trail as this module reads it.
export { auditTrailForAccessExport } from "./audit-trail.js";
// A detection form's exclusion takes a citizen out of the target group: the history row is written
// the one way this module writes it; the care-record import (issue 14) writes many in one insert.
export { recordMembershipChange, recordMembershipChanges } from "./target-group.js";
// Which citizens lists may show: anonymised citizens vanish, restricted ones are not processed (issue 13).
export { listedCitizen, notAnonymised } from "./listed.js";
