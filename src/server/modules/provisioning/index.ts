/**
 * Front door of the provisioning module (issue 15 point 2, decision 0102): SCIM 2.0 at /scim/v2
 * for the municipality's identity provider, and the SCIM tokens the administrator issues at
 * /api/provisioning/scim-tokens. The only file app.ts or a test support file may import.
 */
export { scimRoutes, scimTokenRoutes } from "./routes.js";
