/**
 * The administrator's exchange routes (issue 14, decision 0100) under /api/care-record: the FHIR
 * server pulled on a schedule, a pull now, the push target, and the deliveries of the punch-card
 * work per citizen with a retry. The settings name no citizen; the deliveries list does, and each
 * citizen it shows is on that citizen's audit trail.
 */
import { z } from "zod";
import {
  CareRecordSourceAnswer,
  CareRecordSourceUpdate,
  DeliveriesPage,
  DeliveriesQuery,
  DeliveryView,
  PullQueued,
  PushTargetAnswer,
  PushTargetUpdate,
} from "../../../shared/api/care-record-exchange.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { getPushTarget, getSource, putPushTarget, putSource } from "./exchange-config.js";
import { type EnqueueJob, requestPull } from "./pull-service.js";
import { listDeliveries, retryDelivery } from "./push-deliveries.js";

const TAGS = ["care-record"] as const;
const SETTINGS_ONLY = "the connection settings of the municipality's FHIR endpoints; names no citizen";

export async function exchangeRoutes(app: App): Promise<void> {
  // Jobs go into the route's own transaction: they exist exactly when its work commits.
  const enqueue: EnqueueJob = (tx, name, data, singletonKey) =>
    app.jobs.enqueue(name, data, { tx, singletonKey });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/source",
    tags: TAGS,
    summary: "The care record's FHIR server pulled on a schedule, and how the last pull went",
    description: "The secret is never answered; `hasSecret` says whether one is stored.",
    access: { action: "careRecord.exchange" },
    audit: { none: SETTINGS_ONLY },
    response: CareRecordSourceAnswer,
    handler: ({ tx, ctx }) => getSource(tx, ctx),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/care-record/source",
    tags: TAGS,
    summary: "Set the FHIR server to pull from (optimistic concurrency; the secret is write-only)",
    description:
      "`version` is the version the change started from (0 when there is none yet); another answers 409 " +
      "version_conflict. `secret` absent keeps the stored one, null removes it. Another base URL starts the " +
      "next pull from the beginning (the cursor is cleared).",
    access: { action: "careRecord.exchange" },
    audit: {
      records: [
        { action: "create", entity: "care_record_source" },
        { action: "update", entity: "care_record_source" },
      ],
    },
    body: CareRecordSourceUpdate,
    response: CareRecordSourceAnswer,
    handler: ({ tx, ctx, body }) => putSource(tx, ctx, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/source/pull",
    tags: TAGS,
    summary: "Pull from the FHIR server now (through the job queue); the run appears among the imports",
    description:
      "409 care_record_source_missing when no server is set up. A pull already waiting is not doubled " +
      "(`queued: false`).",
    access: { action: "careRecord.exchange" },
    audit: { records: [{ action: "update", entity: "care_record_source" }] },
    body: z.strictObject({}).optional(),
    response: PullQueued,
    status: 202,
    handler: ({ tx, ctx }) => requestPull(tx, ctx, enqueue),
  });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/push-target",
    tags: TAGS,
    summary: "Where the punch-card work is pushed, and how many deliveries are in each state",
    access: { action: "careRecord.exchange" },
    audit: { none: SETTINGS_ONLY },
    response: PushTargetAnswer,
    handler: ({ tx, ctx }) => getPushTarget(tx, ctx),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/care-record/push-target",
    tags: TAGS,
    summary: "Set the FHIR endpoint the punch-card work is pushed to (optimistic concurrency)",
    description:
      "Like the source: `version` 0 creates it, the secret is write-only. Another base URL clears the deliveries, " +
      "so every citizen is sent to the new target.",
    access: { action: "careRecord.exchange" },
    audit: {
      records: [
        { action: "create", entity: "care_record_push_target" },
        { action: "update", entity: "care_record_push_target" },
      ],
    },
    body: PushTargetUpdate,
    response: PushTargetAnswer,
    handler: ({ tx, ctx, body }) => putPushTarget(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/deliveries",
    tags: TAGS,
    summary: "The delivery of each citizen's punch-card work to the push target: status, tries, last error",
    access: { action: "careRecord.exchange" },
    audit: {
      records: [{ action: "read", entity: "care_record_delivery" }],
      mayBeEmpty: "the page shows no delivery",
    },
    querystring: DeliveriesQuery,
    response: DeliveriesPage,
    handler: ({ tx, ctx, query }) => listDeliveries(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/deliveries/:id/retry",
    tags: TAGS,
    summary: "Send a citizen's bundle again now (also when it is unchanged since it was last sent)",
    access: { action: "careRecord.exchange" },
    audit: { records: [{ action: "update", entity: "care_record_delivery" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: DeliveryView,
    status: 202,
    handler: ({ tx, ctx, params }) => retryDelivery(tx, ctx, params.id, enqueue),
  });
}
