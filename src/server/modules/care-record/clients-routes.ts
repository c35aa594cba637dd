/**
 * The system clients of the FHIR read API (issue 14 point 3): the administrator issues a client
 * (its secret shown once), lists them and revokes one. The FHIR API itself is fhir-api/routes.ts.
 */
import {
  CreateFhirClientBody,
  FhirClient,
  FhirClientList,
  IssuedFhirClient,
} from "../../../shared/api/care-record-clients.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { createFhirClient, listFhirClients, revokeFhirClient } from "./clients-service.js";

const tags = ["care-record"];

export async function clientRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/care-record/fhir-clients",
    tags,
    summary: "The system clients of the FHIR read API (administrators)",
    description: "In use first, then revoked; newest first. The secret is never answered again.",
    access: { action: "fhirClient.manage" },
    audit: { none: "system clients and their scopes: configuration, no citizen" },
    response: FhirClientList,
    handler: ({ tx, ctx }) => listFhirClients(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/fhir-clients",
    tags,
    summary: "Issue a system client of the FHIR read API; its secret is in this answer only",
    description:
      "Creates the client's service user (role system_client) in the municipality's administration. The client gets tokens from POST /fhir/R4/auth/token (client_credentials) with clientId and clientSecret. 409 no_administration_organisation when the municipality has no active administration.",
    access: { action: "fhirClient.manage" },
    audit: { records: [{ action: "create", entity: "fhir_client" }] },
    secretAnswer: "the client secret is shown once; a repeat issues a second client, which can be revoked",
    body: CreateFhirClientBody,
    response: IssuedFhirClient,
    status: 201,
    handler: ({ tx, ctx, body }) => createFhirClient(tx, ctx, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/fhir-clients/:id/revoke",
    tags,
    summary: "Revoke a system client: its tokens stop at once and its service user is deactivated",
    description: "409 fhir_client_revoked when it is revoked already.",
    access: { action: "fhirClient.manage" },
    audit: { records: [{ action: "deactivate", entity: "fhir_client" }] },
    params: IdParams,
    response: FhirClient,
    handler: ({ tx, ctx, params }) => revokeFhirClient(tx, ctx, params.id),
  });
}
