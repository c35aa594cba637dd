/**
 * Provisioning (issue 15 point 2, decision 0102): the SCIM tokens an administrator issues to the
 * municipality's identity provider (Entra ID, AD FS, KOMBIT), and the SCIM 2.0 resources the
 * provider sends to /scim/v2. The SCIM endpoint answers SCIM's own JSON (application/scim+json),
 * so its user schema is permissive here and checked by the provisioning service, which answers
 * SCIM's error (scimType) rather than the app's error shape.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { IdRef, requiredText, uuid } from "./common.js";

// ---- SCIM tokens (/api/provisioning/scim-tokens, administrators) ----

export const CreateScimTokenBody = z.strictObject({
  /** What holds the token, for the administrator and the audit trail (e.g. "Entra ID"). */
  name: requiredText(LIMITS.name),
});
export type CreateScimTokenBody = z.infer<typeof CreateScimTokenBody>;

export const ScimToken = z.object({
  id: uuid,
  name: z.string(),
  createdAt: z.string(),
  /** Null when the administrator who issued it has since been removed. */
  createdBy: IdRef.nullable(),
  revokedAt: z.string().nullable(),
  /** When the identity provider last called /scim/v2 with it. */
  lastUsedAt: z.string().nullable(),
});
export type ScimToken = z.infer<typeof ScimToken>;

/** A token just issued: the bearer secret is in this answer only (only its SHA-256 is kept). */
export const IssuedScimToken = ScimToken.extend({ token: z.string() });
export type IssuedScimToken = z.infer<typeof IssuedScimToken>;

export const ScimTokenList = z.object({ items: z.array(ScimToken) });
export type ScimTokenList = z.infer<typeof ScimTokenList>;

// ---- SCIM 2.0 (RFC 7643 / 7644) ----

export const SCIM_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** Broen's extension: the role and the unit a user works in. */
export const SCIM_BROEN_SCHEMA = "urn:broen:scim:1.0:User";
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCIM_PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** SCIM's error detail types (RFC 7644 §3.12) that Broen answers. */
export const SCIM_TYPES = [
  "invalidFilter",
  "invalidSyntax",
  "invalidPath",
  "invalidValue",
  "noTarget",
  "uniqueness",
  "mutability",
  "tooMany",
] as const;
export type ScimType = (typeof SCIM_TYPES)[number];

const scimText = (max: number) => z.string().max(max);
const MultiValued = z
  .array(
    z.looseObject({
      value: scimText(200).optional(),
      type: scimText(50).optional(),
      primary: z.boolean().optional(),
      display: scimText(200).optional(),
    }),
  )
  .max(20);

/**
 * A SCIM User as an identity provider sends it (POST, PUT). Unknown attributes are ignored, as
 * RFC 7644 lets a service provider do; those Broen keeps are checked by the service.
 */
export const ScimUserBody = z.looseObject({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  userName: scimText(200).optional(),
  externalId: scimText(200).nullish(),
  displayName: scimText(200).nullish(),
  name: z
    .looseObject({
      formatted: scimText(200).nullish(),
      givenName: scimText(200).nullish(),
      familyName: scimText(200).nullish(),
    })
    .nullish(),
  active: z.union([z.boolean(), z.enum(["true", "false", "True", "False"])]).optional(),
  emails: MultiValued.nullish(),
  phoneNumbers: MultiValued.nullish(),
  roles: MultiValued.nullish(),
  [SCIM_ENTERPRISE_SCHEMA]: z
    .looseObject({
      organization: scimText(200).nullish(),
      department: scimText(200).nullish(),
      division: scimText(200).nullish(),
    })
    .nullish(),
  [SCIM_BROEN_SCHEMA]: z
    .looseObject({
      role: scimText(60).nullish(),
      organisationId: scimText(60).nullish(),
      organisationName: scimText(200).nullish(),
      districtName: scimText(200).nullish(),
    })
    .nullish(),
});
export type ScimUserBody = z.infer<typeof ScimUserBody>;

export const ScimPatchBody = z.looseObject({
  schemas: z.array(z.string().max(200)).max(10).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z.string().max(20),
        path: z.string().max(300).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type ScimPatchBody = z.infer<typeof ScimPatchBody>;

export const ScimListQuery = z.looseObject({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().min(1).max(1_000_000).optional(),
  count: z.coerce.number().int().min(0).max(1000).optional(),
  attributes: z.string().max(500).optional(),
  excludedAttributes: z.string().max(500).optional(),
});
export type ScimListQuery = z.infer<typeof ScimListQuery>;
