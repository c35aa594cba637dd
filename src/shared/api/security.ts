/** The security log (issue 18.9): sign-ins and account events, read by administrators. */
import { z } from "zod";
import { SECURITY_EVENT_KINDS } from "../../domain/vocabulary/security.js";
import { PageQuery, isoDate, uuid } from "./common.js";

export const SecurityEventKind = z.enum(SECURITY_EVENT_KINDS);
export type SecurityEventKind = z.infer<typeof SecurityEventKind>;

export const SecurityEventsQuery = z.strictObject({
  ...PageQuery,
  kind: SecurityEventKind.optional(),
  /** Copenhagen calendar days, both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type SecurityEventsQuery = z.infer<typeof SecurityEventsQuery>;

export const SecurityEventRow = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  kind: SecurityEventKind,
  /** What was typed at login, or the account acted on. */
  username: z.string().nullable(),
  user: z.object({ id: uuid, displayName: z.string() }).nullable(),
  /** The administrator who did it, when it was not the user themselves. */
  actor: z.object({ id: uuid, displayName: z.string() }).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SecurityEventRow = z.infer<typeof SecurityEventRow>;

export const SecurityEventsPage = z.object({
  items: z.array(SecurityEventRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SecurityEventsPage = z.infer<typeof SecurityEventsPage>;
