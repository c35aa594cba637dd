import { z } from "zod";
import { parseCpr } from "../../domain/cpr.js";
import { LIMITS } from "../../domain/limits.js";
import { CITIZEN_SORTS, CONTACT_KINDS } from "../../domain/vocabulary/citizens.js";
import { IdRef, Page, PageQuery, Phone, isoDate, optionalText, requiredText, uuid } from "./common.js";

export const CprInput = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseCpr(value);
    if (!parsed.ok) {
      ctx.addIssue({
        code: "custom",
        message: parsed.reason === "format" ? "invalid_cpr_format" : "invalid_cpr_date",
        params: { reason: parsed.reason === "format" ? "invalid_cpr_format" : "invalid_cpr_date" },
      });
    }
  });

export const ContactKind = z.enum(CONTACT_KINDS);

/** POST /citizens/search's body: the search term travels in the body, never in a URL (issue 18.8). */
export const CitizenSearchBody = z.strictObject({
  q: z.string().trim().max(LIMITS.search).optional(),
  providerId: uuid.optional(),
  districtId: uuid.optional(),
  sort: z.enum(CITIZEN_SORTS).default("name"),
  ...PageQuery,
});
export type CitizenSearchBody = z.infer<typeof CitizenSearchBody>;

/**
 * GET /citizens's query: plain listing with filters. `q` is declared only so the server can refuse
 * it with a pointer to POST /citizens/search (a name or CPR in a URL ends up in history and logs).
 */
export const CitizenListQuery = CitizenSearchBody.omit({ q: true }).extend({ q: z.string().optional() });
export type CitizenListQuery = z.infer<typeof CitizenListQuery>;

export const CitizenSummary = z.object({
  id: uuid,
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  cprMasked: z.string(),
  birthDate: isoDate,
  age: z.number().int(),
  address: z.string(),
  provider: IdRef.nullable(),
  district: IdRef.nullable(),
});
export type CitizenSummary = z.infer<typeof CitizenSummary>;

export const CitizenPage = Page(CitizenSummary);
export type CitizenPage = z.infer<typeof CitizenPage>;

export const Contact = z.object({
  id: uuid,
  kind: ContactKind,
  name: z.string(),
  relation: z.string().nullable(),
  phone: z.string().nullable(),
  organisation: IdRef.nullable(),
  isPrimary: z.boolean(),
});
export type Contact = z.infer<typeof Contact>;

export const CitizenDetail = CitizenSummary.extend({
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  phone: z.string().nullable(),
  homeCareSince: isoDate.nullable(),
  inTargetGroup: z.boolean(),
  /** Set while processing is restricted (GDPR art. 18): only the administrator opens the citizen then. */
  restrictedAt: z.string().nullable(),
  contacts: z.array(Contact),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CitizenDetail = z.infer<typeof CitizenDetail>;

const citizenFields = {
  firstName: requiredText(LIMITS.name),
  lastName: requiredText(LIMITS.name),
  addressLine: requiredText(LIMITS.address),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{4}$/),
  city: requiredText(LIMITS.name),
  phone: Phone.nullable().optional(),
  providerId: uuid.nullable().optional(),
  districtId: uuid.nullable().optional(),
  homeCareSince: isoDate.nullable().optional(),
  inTargetGroup: z.boolean().optional(),
};

export const CreateCitizenBody = z.strictObject({ cpr: CprInput, ...citizenFields });
export type CreateCitizenBody = z.infer<typeof CreateCitizenBody>;

/** An edit names the version it started from; a stale version is a 409, not a silent overwrite. */
export const UpdateCitizenBody = CreateCitizenBody.partial().extend({
  version: z.number().int().min(1),
  /** Why the register is corrected (kept with the correction's history, GDPR art. 16); optional. */
  reason: optionalText(LIMITS.shortText),
});
export type UpdateCitizenBody = z.infer<typeof UpdateCitizenBody>;

export const CreateContactBody = z.strictObject({
  kind: ContactKind,
  name: requiredText(LIMITS.name),
  relation: optionalText(LIMITS.shortText),
  phone: Phone.nullable().optional(),
  organisationId: uuid.nullable().optional(),
  isPrimary: z.boolean().optional(),
});
export type CreateContactBody = z.infer<typeof CreateContactBody>;

export const RevealedCpr = z.object({ cpr: z.string() });

export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: uuid, name: z.string(), role: z.string().nullable() }).nullable(),
  /** Who acted when there is no user: someone on the public form, or Broen itself (a retention rule's run). */
  actorKind: z.enum(["user", "public_form", "system"]),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The citizen the row concerns, named for readers who may see identified citizens (else name null). */
  citizen: z.object({ id: uuid, name: z.string().nullable() }).nullable(),
  criterion: z.record(z.string(), z.unknown()).nullable(),
  /** Names of the ids in the criterion (people, organisations, districts, triage meetings, citizens), by id. */
  names: z.record(z.string(), z.string()),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * The trail of one citizen (issue 17.4): from and to are Copenhagen days. Without page and
 * pageSize the answer is the whole trail oldest first, as it always was; with either it is one page
 * newest first, with total, page and pageSize.
 */
export const AuditTrailQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: PageQuery.page.unwrap().optional(),
  pageSize: PageQuery.pageSize.unwrap().optional(),
});
export type AuditTrailQuery = z.infer<typeof AuditTrailQuery>;

export const AuditTrail = z.object({
  citizenId: uuid,
  events: z.array(AuditEvent),
  total: z.number().int().optional(),
  page: z.number().int().optional(),
  pageSize: z.number().int().optional(),
});
export type AuditTrail = z.infer<typeof AuditTrail>;
