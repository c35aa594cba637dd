/**
 * Authorisation-matrix rows of the FHIR read API and its system clients (issue 14 point 3). The
 * read routes take a system client's bearer token, never a session: every caller of the matrix —
 * signed in or not — is refused 401 (`bearerOnly`); what a token may read is tested in
 * src/server/modules/care-record/fhir-api/fhir-api.int.test.ts.
 */
import type { TestApp } from "../test-app.js";
import { ADMIN, EVERYONE, type MatrixPart, NO_SUCH_ID } from "./common.js";

async function setup(t: TestApp): Promise<Record<string, string>> {
  const admin = await t.as("administrator");
  const res = await admin.post("/api/care-record/fhir-clients", {
    name: "Matrix",
    scopes: ["system/*.read"],
  });
  if (res.statusCode !== 201) throw new Error(`fhir client setup failed: ${res.statusCode} ${res.body}`);
  const client = res.json() as { clientId: string; clientSecret: string };
  return { fhirClientId: client.clientId, fhirClientSecret: client.clientSecret };
}

export const fhirApiPart: MatrixPart = {
  setup,
  rows: {
    "GET /api/care-record/fhir-clients": { allow: ADMIN },
    "POST /api/care-record/fhir-clients": {
      allow: ADMIN,
      request: () => ({ body: { name: "Matrix klient", scopes: ["system/Patient.read"] } }),
    },
    "POST /api/care-record/fhir-clients/:id/revoke": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/fhir-clients/${NO_SUCH_ID}/revoke` }),
    },
    "GET /fhir/R4/metadata": { allow: EVERYONE },
    // Anyone may ask; the credential decides (a valid one here, so every caller gets a token).
    "POST /fhir/R4/auth/token": {
      allow: EVERYONE,
      request: (f) => ({
        body: {
          grant_type: "client_credentials",
          client_id: f.extra.fhirClientId,
          client_secret: f.extra.fhirClientSecret,
        },
      }),
    },
    "GET /fhir/R4/:type": { allow: [], bearerOnly: true, request: () => ({ url: "/fhir/R4/Patient" }) },
    "POST /fhir/R4/:type/_search": {
      allow: [],
      bearerOnly: true,
      request: () => ({ url: "/fhir/R4/Patient/_search", body: {} }),
    },
    "GET /fhir/R4/:type/:id": {
      allow: [],
      bearerOnly: true,
      request: (f) => ({ url: `/fhir/R4/Patient/${f.citizenId}` }),
    },
  },
};
