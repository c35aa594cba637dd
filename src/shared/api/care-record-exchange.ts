/**
 * Exchange with the care record over FHIR (issue 14, decision 0100): the municipality's FHIR server
 * pulled on a schedule, the push target the punch-card work is sent to, and the deliveries.
 * Secrets are write-only: an answer says whether one is set (`hasSecret`), never what it is.
 */
import { z } from "zod";
import { Page, PageQuery, text, uuid } from "./common.js";

export const FHIR_AUTH_KINDS = ["none", "bearer", "client_credentials"] as const;
export const FhirAuthKind = z.enum(FHIR_AUTH_KINDS);
export type FhirAuthKind = z.infer<typeof FhirAuthKind>;

export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

const At = z.iso.datetime({ offset: true });

/** An http(s) address without credentials in it (they go in the secret, never in a URL). */
export const FhirUrl = text(500).pipe(
  z
    .string()
    .min(1)
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
        } catch {
          return false;
        }
      },
      { params: { reason: "invalid_format" } },
    ),
);

/** What both endpoints share: where, and how Broen signs in there. */
const EndpointFields = {
  baseUrl: FhirUrl,
  authKind: FhirAuthKind,
  /** The token endpoint of a client-credentials grant. */
  tokenUrl: FhirUrl.nullable().optional(),
  clientId: text(200).nullable().optional(),
  /**
   * The bearer token or the client secret. Absent: keep the stored one; null: remove it; a string:
   * replace it. Never answered.
   */
  secret: z.string().min(1).max(4000).nullable().optional(),
};

const EndpointView = {
  baseUrl: z.string(),
  authKind: FhirAuthKind,
  tokenUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  /** A secret (bearer token or client secret) is stored. */
  hasSecret: z.boolean(),
  version: z.number().int(),
  updatedAt: At,
};

export const CareRecordSourceView = z.object({
  ...EndpointView,
  scheduleEnabled: z.boolean(),
  autoApply: z.boolean(),
  /** The newest meta.lastUpdated seen: the next pull asks for what changed after it. Null: everything. */
  cursor: At.nullable(),
  lastPulledAt: At.nullable(),
  /** The import run the last pull that found changes created (GET /api/care-record/imports/:id). */
  lastRunId: uuid.nullable(),
  /** Why the last pull failed (an error code such as fhir_unreachable or fhir_http_503), null after a success. */
  lastFailure: z.string().nullable(),
});
export type CareRecordSourceView = z.infer<typeof CareRecordSourceView>;

export const CareRecordSourceAnswer = z.object({ source: CareRecordSourceView.nullable() });
export type CareRecordSourceAnswer = z.infer<typeof CareRecordSourceAnswer>;

export const CareRecordSourceUpdate = z.strictObject({
  /** The version the change started from; 0 when there is no source yet. */
  version: z.number().int().min(0),
  ...EndpointFields,
  scheduleEnabled: z.boolean(),
  autoApply: z.boolean(),
});
export type CareRecordSourceUpdate = z.infer<typeof CareRecordSourceUpdate>;

export const PullQueued = z.object({
  /** False when a pull of the municipality was already waiting: this one joins it. */
  queued: z.boolean(),
});
export type PullQueued = z.infer<typeof PullQueued>;

export const DeliveryCounts = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
});
export type DeliveryCounts = z.infer<typeof DeliveryCounts>;

export const PushTargetView = z.object({
  ...EndpointView,
  enabled: z.boolean(),
});
export type PushTargetView = z.infer<typeof PushTargetView>;

export const PushTargetAnswer = z.object({ target: PushTargetView.nullable(), counts: DeliveryCounts });
export type PushTargetAnswer = z.infer<typeof PushTargetAnswer>;

export const PushTargetUpdate = z.strictObject({
  version: z.number().int().min(0),
  ...EndpointFields,
  enabled: z.boolean(),
});
export type PushTargetUpdate = z.infer<typeof PushTargetUpdate>;

export const DeliveryView = z.object({
  id: uuid,
  citizenId: uuid,
  /** The citizen's name (showing it is on the citizen's audit trail). */
  citizenName: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** An error code and HTTP status (e.g. fhir_http_422), never the answer's body. */
  lastError: z.string().nullable(),
  queuedAt: At,
  sentAt: At.nullable(),
  updatedAt: At,
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveriesQuery = z.strictObject({ ...PageQuery, status: DeliveryStatus.optional() });
export type DeliveriesQuery = z.infer<typeof DeliveriesQuery>;

export const DeliveriesPage = Page(DeliveryView);
export type DeliveriesPage = z.infer<typeof DeliveriesPage>;
