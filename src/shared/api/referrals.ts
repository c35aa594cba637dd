import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import {
  EXTERNAL_REFERRAL_CHANNELS,
  PUBLIC_REFERRER_ROLES,
  REFERRAL_ACTIONS,
  REFERRAL_CHANNELS,
  REFERRAL_INBOX_FILTERS,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REFERRAL_STEPS,
} from "../../domain/vocabulary/referrals.js";
import { IdRef, Page, PageQuery, Phone, optionalText, requiredText, uuid } from "./common.js";
import { CprInput } from "./citizens.js";

export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export const ReferralSource = z.enum(REFERRAL_SOURCES);
export const ReferralChannel = z.enum(REFERRAL_CHANNELS);
export const ReferralAction = z.enum(REFERRAL_ACTIONS);
/** A step in a referral's history: a coordinator's decision or the referrer's reply. */
export const ReferralStep = z.enum(REFERRAL_STEPS);

/** A care worker's advis about a citizen of the register. */
export const CreateReferralBody = z.strictObject({
  reason: requiredText(LIMITS.note),
});
export type CreateReferralBody = z.infer<typeof CreateReferralBody>;

/** A coordinator registers a referral that came by phone or e-mail. */
export const RegisterExternalReferralBody = z.strictObject({
  source: ReferralSource.exclude(["screening"]),
  channel: z.enum(EXTERNAL_REFERRAL_CHANNELS),
  citizenId: uuid.nullable().optional(),
  referrerName: optionalText(LIMITS.name),
  referrerContact: optionalText(LIMITS.shortText),
  subjectName: optionalText(LIMITS.name),
  subjectAddress: optionalText(LIMITS.address),
  subjectPhone: Phone.nullable().optional(),
  reason: requiredText(LIMITS.note),
});
export type RegisterExternalReferralBody = z.infer<typeof RegisterExternalReferralBody>;

/** The public web form: no login, so everything is bounded and nothing about the register is revealed. */
export const PublicReferralBody = z.strictObject({
  municipalityCode: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/),
  referrerRole: z.enum(PUBLIC_REFERRER_ROLES),
  referrerName: requiredText(LIMITS.name),
  referrerContact: requiredText(LIMITS.shortText),
  subjectName: requiredText(LIMITS.name),
  subjectAddress: requiredText(LIMITS.address),
  subjectPhone: Phone.nullable().optional(),
  subjectCpr: CprInput.nullable().optional(),
  reason: requiredText(LIMITS.note),
  /** The person referred knows about it and agrees to be contacted. */
  subjectAgrees: z.literal(true),
});
export type PublicReferralBody = z.infer<typeof PublicReferralBody>;

export const PublicReferralReceipt = z.object({ receiptNumber: z.string(), receivedAt: z.string() });

export const PublicMunicipality = z.object({ code: z.string(), name: z.string() });

export const DecideReferralBody = z.strictObject({
  action: ReferralAction,
  message: optionalText(LIMITS.note),
  /** Accepting a referral from outside links it to a citizen of the register. */
  citizenId: uuid.nullable().optional(),
});
export type DecideReferralBody = z.infer<typeof DecideReferralBody>;

/** The referrer's answer to "bed om flere oplysninger"; a note text (never logged). */
export const ReplyReferralBody = z.strictObject({
  message: requiredText(LIMITS.note),
});
export type ReplyReferralBody = z.infer<typeof ReplyReferralBody>;

export const ReferralEvent = z.object({
  fromStatus: ReferralStatus.nullable(),
  toStatus: ReferralStatus,
  /** Null for the first event and events recorded before the step was kept. */
  action: ReferralStep.nullable(),
  message: z.string().nullable(),
  actor: IdRef.nullable(),
  at: z.string(),
});

export const ReferralSummary = z.object({
  id: uuid,
  receiptNumber: z.string(),
  status: ReferralStatus,
  source: ReferralSource,
  channel: ReferralChannel,
  citizen: z.object({ id: uuid, name: z.string(), cprMasked: z.string(), address: z.string() }).nullable(),
  subjectName: z.string().nullable(),
  fromOrganisation: IdRef.nullable(),
  referrerName: z.string().nullable(),
  reason: z.string(),
  screening: z.object({ id: uuid, outcomeKey: z.string(), colour: z.string() }).nullable(),
  createdAt: z.string(),
  daysWaiting: z.number().int(),
  allowedActions: z.array(ReferralAction),
  lastMessage: z.string().nullable(),
  /** The latest step is the referrer's reply to a request for information (lastMessage is the reply). */
  answered: z.boolean(),
  /** The caller may reply now: the coordinators asked for information and the caller sent it (or leads the sending team). */
  canReply: z.boolean(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

export const ReferralDetail = ReferralSummary.extend({
  referrerContact: z.string().nullable(),
  subjectAddress: z.string().nullable(),
  subjectPhone: z.string().nullable(),
  /** How to reach the worker who sent it from Broen: name, unit, work phone. Null for referrals from outside. */
  referringWorker: z
    .object({ id: uuid, name: z.string(), organisation: z.string(), phone: z.string().nullable() })
    .nullable(),
  events: z.array(ReferralEvent),
  /** The course the accepted referral opened (or joined, when the citizen already had one open). */
  courseId: z.string().nullable(),
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;

export const ReferralInboxQuery = z.strictObject({
  status: z.enum(REFERRAL_INBOX_FILTERS).default("open"),
  olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type ReferralInboxQuery = z.infer<typeof ReferralInboxQuery>;

/**
 * The sent list (issue 17.4). Without page and pageSize the answer is the whole list as an array
 * (as it always was, up to 500); with either it is one page with the total, so the page can say
 * "Viser 1–25 af 132". status takes the inbox's words (open = new and info_requested).
 */
export const SentReferralsQuery = z.strictObject({
  status: z.enum(REFERRAL_INBOX_FILTERS).default("all"),
  page: PageQuery.page.unwrap().optional(),
  pageSize: PageQuery.pageSize.unwrap().optional(),
});
export type SentReferralsQuery = z.infer<typeof SentReferralsQuery>;
export const SentReferralsPage = Page(ReferralSummary);
export type SentReferralsPage = z.infer<typeof SentReferralsPage>;
