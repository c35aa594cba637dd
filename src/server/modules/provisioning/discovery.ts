/**
 * SCIM's discovery resources (RFC 7643 §5–7, RFC 7644 §4): what the endpoint supports, its one
 * resource type, and the schemas of the attributes Broen keeps — so an identity provider (Entra
 * ID's provisioning, a SCIM validator) can see it without trying.
 */
import {
  SCIM_BROEN_SCHEMA,
  SCIM_ENTERPRISE_SCHEMA,
  SCIM_LIST_SCHEMA,
  SCIM_USER_SCHEMA,
} from "../../../shared/api/provisioning.js";

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/broen/broen/blob/main/docs/decisions/0102-scim-provisioning.md",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description:
          "A SCIM token issued by the municipality's administrator (Administration → Provisionering).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  const user = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A member of the municipality's staff",
    schema: SCIM_USER_SCHEMA,
    schemaExtensions: [
      { schema: SCIM_BROEN_SCHEMA, required: false },
      { schema: SCIM_ENTERPRISE_SCHEMA, required: false },
    ],
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
  };
  return { schemas: [SCIM_LIST_SCHEMA], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [user] };
}

export function schemas(baseUrl: string) {
  const meta = (id: string) => ({ resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` });
  const user = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: SCIM_USER_SCHEMA,
    name: "User",
    description: "A member of the municipality's staff (the attributes Broen keeps; others are ignored)",
    attributes: [
      attr("userName", "string", { required: true, uniqueness: "server" }),
      attr("externalId", "string", { caseExact: true }),
      attr("displayName", "string"),
      attr("name", "complex", {
        subAttributes: [
          attr("formatted", "string"),
          attr("givenName", "string"),
          attr("familyName", "string"),
        ],
      }),
      attr("active", "boolean"),
      attr("phoneNumbers", "complex", {
        multiValued: true,
        subAttributes: [attr("value", "string"), attr("type", "string"), attr("primary", "boolean")],
      }),
      attr("roles", "complex", {
        multiValued: true,
        returned: "never",
        description: "A Broen role, or a value the identity provider's role map knows",
        subAttributes: [attr("value", "string"), attr("primary", "boolean")],
      }),
    ],
    meta: meta(SCIM_USER_SCHEMA),
  };
  const broen = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: SCIM_BROEN_SCHEMA,
    name: "BroenUser",
    description: "The user's role and unit in Broen",
    attributes: [
      attr("role", "string", {
        description:
          "home_care_worker, planner, team_leader, community_coordinator, volunteer_centre_staff, manager, evaluator or administrator",
      }),
      attr("organisationId", "string", { caseExact: true }),
      attr("organisationName", "string"),
      attr("districtName", "string"),
    ],
    meta: meta(SCIM_BROEN_SCHEMA),
  };
  const enterprise = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: SCIM_ENTERPRISE_SCHEMA,
    name: "EnterpriseUser",
    description:
      "organization: a Broen organisation's name; department: a unit-map value or a district's name",
    attributes: [
      attr("organization", "string", { returned: "never" }),
      attr("department", "string", { returned: "never" }),
    ],
    meta: meta(SCIM_ENTERPRISE_SCHEMA),
  };
  return {
    schemas: [SCIM_LIST_SCHEMA],
    totalResults: 3,
    startIndex: 1,
    itemsPerPage: 3,
    Resources: [user, broen, enterprise],
  };
}
