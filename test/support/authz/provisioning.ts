/**
 * Authorisation-matrix rows of SCIM provisioning (issue 15 point 2, decision 0102). The tokens are
 * the administrator's; /scim/v2/Users takes the identity provider's SCIM token, never a session:
 * every caller of the matrix — signed in or not — is refused 401 (`bearerOnly`); what a token may
 * do is tested in src/server/modules/provisioning/provisioning.int.test.ts.
 */
import { ADMIN, EVERYONE, type MatrixPart, NO_SUCH_ID } from "./common.js";

export const provisioningPart: MatrixPart = {
  rows: {
    "GET /api/provisioning/scim-tokens": { allow: ADMIN },
    "POST /api/provisioning/scim-tokens": { allow: ADMIN, request: () => ({ body: { name: "Matrix" } }) },
    "POST /api/provisioning/scim-tokens/:id/revoke": {
      allow: ADMIN,
      request: () => ({ url: `/api/provisioning/scim-tokens/${NO_SUCH_ID}/revoke` }),
    },
    "GET /scim/v2/ServiceProviderConfig": { allow: EVERYONE },
    "GET /scim/v2/ResourceTypes": { allow: EVERYONE },
    "GET /scim/v2/Schemas": { allow: EVERYONE },
    "GET /scim/v2/Users": { allow: [], bearerOnly: true },
    "GET /scim/v2/Users/:id": {
      allow: [],
      bearerOnly: true,
      request: () => ({ url: `/scim/v2/Users/${NO_SUCH_ID}` }),
    },
    "POST /scim/v2/Users": { allow: [], bearerOnly: true, request: () => ({ body: { userName: "matrix" } }) },
    "PUT /scim/v2/Users/:id": {
      allow: [],
      bearerOnly: true,
      request: () => ({ url: `/scim/v2/Users/${NO_SUCH_ID}`, body: { userName: "matrix" } }),
    },
    "PATCH /scim/v2/Users/:id": {
      allow: [],
      bearerOnly: true,
      request: () => ({
        url: `/scim/v2/Users/${NO_SUCH_ID}`,
        body: { Operations: [{ op: "replace", path: "active", value: false }] },
      }),
    },
    "DELETE /scim/v2/Users/:id": {
      allow: [],
      bearerOnly: true,
      request: () => ({ url: `/scim/v2/Users/${NO_SUCH_ID}` }),
    },
  },
};
