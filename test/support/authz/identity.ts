/**
 * Authorisation-matrix rows of login with the municipality's identity provider (issue 15 point 1,
 * decision 0101). The login routes are public browser navigations (302); the configuration is the
 * administrator's. The save sends a version no provider has (409 for the administrator), so the
 * matrix changes nothing.
 */
import { ADMIN, EVERYONE, SIGNED_IN, type MatrixPart } from "./common.js";

export const identityPart: MatrixPart = {
  rows: {
    "GET /api/auth/oidc/providers": { allow: EVERYONE },
    "GET /api/auth/oidc/:municipalityCode/start": {
      allow: EVERYONE,
      request: () => ({ url: "/api/auth/oidc/0000/start" }),
    },
    "GET /api/auth/oidc/callback": { allow: EVERYONE },
    "GET /api/identity-provider": { allow: ADMIN },
    "PUT /api/identity-provider": {
      allow: ADMIN,
      request: () => ({
        body: {
          displayName: "Matrix",
          issuer: "https://idp.matrix.example",
          clientId: "broen",
          scopes: "openid",
          roleClaim: "roles",
          roleMap: {},
          unitClaim: null,
          unitMap: {},
          nameClaim: "name",
          enabled: false,
          localLoginEnabled: true,
          version: 999,
        },
      }),
    },
    "POST /api/identity-provider/check": { allow: ADMIN },
    // Staff in several municipalities (issue 15 point 4, decision 0104). Everyone switches to the
    // municipality they are in (changes nothing); the membership names no one (400 for the administrator).
    "POST /api/auth/municipality": {
      allow: SIGNED_IN,
      request: (f) => ({ body: { municipalityId: f.extra.municipalityId } }),
    },
    "POST /api/users/memberships": {
      allow: ADMIN,
      request: (f) => ({
        body: {
          username: "no.such.person",
          displayName: "Matrix Medlem",
          role: "manager",
          organisationId: f.organisationId,
        },
      }),
    },
  },
  setup: (t) => Promise.resolve({ municipalityId: t.tenant.municipality.id }),
};
