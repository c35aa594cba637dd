/**
 * Front door of the citizens module (the register): the only file another module, app.ts or the
 * seed may import.
 */
export { citizenRoutes } from "./routes.js";
// Every citizen-scoped service elsewhere starts here: load the citizen (404 outside the tenant,
// 403 inside) and describe them to the policy.
export { asResource, loadCitizenFor } from "./service.js";
// A detection form's exclusion takes a citizen out of the target group: the history row is written
// the one way this module writes it.
export { recordMembershipChange } from "./target-group.js";
