import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { ORGANISATION_KINDS, ROLES, STAFF_ROLES } from "../../domain/vocabulary/organisation.js";

/** A user's role and an organisation's kind (the words: domain/vocabulary/organisation.ts). */
export const Role = z.enum(ROLES);
/** A role a person can be given: not system_client, which only a FHIR client's service user has (issue 14). */
export const StaffRole = z.enum(STAFF_ROLES);
export const OrganisationKind = z.enum(ORGANISATION_KINDS);

/**
 * Text that a person types: trimmed, no control characters, bounded.
 * HTML or SQL metacharacters are allowed (O'Brien, "Ærø & Co") — they are
 * stored as text, bound as parameters and escaped by React, never interpreted.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
      params: { reason: "invalid_format" },
    });

export const requiredText = (max: number) => text(max).pipe(z.string().min(1));

export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), text(max).nullable()).optional();

export const isoDate = z.iso.date();
export const uuid = z.uuid();

export const Phone = z
  .string()
  .trim()
  .max(LIMITS.phone)
  .regex(/^\+?[0-9 ]{8,16}$/);

export const IdParams = z.strictObject({ id: uuid });

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(25),
};

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({
        fields: z
          .array(z.object({ field: z.string(), reason: z.string(), message: z.string().optional() }))
          .optional(),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdRef = z.object({ id: uuid, name: z.string() });
