/**
 * The messaging core's routes (issue 16, decision 0105) under /api/messaging: the channels and
 * quiet hours (messaging.configure), a test message, and the outbox (messaging.outbox). The
 * settings name no citizen; the outbox does, and each citizen a page shows is on their trail.
 */
import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import {
  MessagingSettingsUpdate,
  MessagingSettingsView,
  OutboxMessage,
  OutboxPage,
  OutboxQuery,
  TestMessageRequest,
  TestMessageResult,
} from "../../../shared/api/messaging-outbox.js";
import type { DbOrTx } from "../../db/client.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { DELIVER_JOB } from "./delivery.js";
import { cancelOutboxMessage, getOutboxMessage, listOutbox, retryOutboxMessage } from "./outbox-admin.js";
import { getSettings, putSettings, sendTestMessage } from "./settings.js";

const TAGS = ["messaging"] as const;
const SETTINGS_ONLY = "the municipality's channel settings; names no citizen";

export async function outboxRoutes(app: App): Promise<void> {
  // A delivery round asked for at once, in the route's transaction (it commits or rolls back with the route).
  const enqueueDelivery = (tx: DbOrTx) => app.jobs.enqueue(DELIVER_JOB, {}, { tx });

  declareRoute(app, {
    method: "GET",
    url: "/messaging/settings",
    tags: TAGS,
    summary: "The municipality's e-mail and SMS channels, quiet hours, digest hour and attempts",
    description:
      "Secrets are never answered: `hasSmtpPassword` and `hasSmsToken` say whether one is stored. `version` 0 " +
      "means nothing is saved yet (Broen's defaults are shown).",
    access: { action: "messaging.configure" },
    audit: { none: SETTINGS_ONLY },
    response: MessagingSettingsView,
    handler: ({ tx, ctx }) => getSettings(tx, ctx),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/messaging/settings",
    tags: TAGS,
    summary: "Save the channels and quiet hours (optimistic concurrency; secrets write-only)",
    description:
      "`version` is the version the change started from; another answers 409 version_conflict. `smtpPassword` " +
      "and `smsToken` absent keep the stored one, null removes it. A switched-on channel needs its fields " +
      "(400 validation_failed naming them); quiet hours are both set (HH:MM, local time) or both null.",
    access: { action: "messaging.configure" },
    audit: {
      records: [
        { action: "create", entity: "messaging_settings" },
        { action: "update", entity: "messaging_settings" },
      ],
    },
    body: MessagingSettingsUpdate,
    response: MessagingSettingsView,
    handler: async ({ tx, ctx, body }) => {
      const view = await putSettings(tx, ctx, body);
      // Messages waiting for a channel that is now ready go out at once, not at the next minute.
      await enqueueDelivery(tx);
      return view;
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/messaging/settings/test",
    tags: TAGS,
    summary: "Send a test message now through the saved e-mail or SMS settings",
    description:
      "Straight to the SMTP server or gateway (not through the outbox), so the answer says whether it took the " +
      "message: `sent`, or `error` as a code (smtp_unreachable, smtp_auth_failed, sms_http_401 …). 409 " +
      "messaging_channel_not_ready when the channel is off or lacks its settings.",
    access: { action: "messaging.configure" },
    audit: { none: "a test message to an address the administrator types; no citizen is read or stored" },
    ownTransaction:
      "it waits for the SMTP server or gateway (seconds when it is unreachable); no transaction is held open meanwhile",
    body: TestMessageRequest,
    response: TestMessageResult,
    handler: ({ db, ctx, body }) => sendTestMessage(db, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/messaging/outbox",
    tags: TAGS,
    summary: "Every message, newest first: status, attempts, last error; filters and paging",
    access: { action: "messaging.outbox" },
    audit: {
      records: [{ action: "read", entity: "outbox_message" }],
      mayBeEmpty: "the page shows no message to a citizen",
    },
    querystring: OutboxQuery,
    response: OutboxPage,
    handler: ({ tx, ctx, query }) => listOutbox(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/messaging/outbox/:id",
    tags: TAGS,
    summary: "One message with its text",
    access: { action: "messaging.outbox" },
    audit: {
      records: [{ action: "read", entity: "outbox_message" }],
      mayBeEmpty: "the message went to a member of staff",
    },
    params: IdParams,
    response: OutboxMessage,
    handler: ({ tx, ctx, params }) => getOutboxMessage(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/messaging/outbox/:id/retry",
    tags: TAGS,
    summary: "Queue a failed message again now (its attempts start afresh)",
    description: "409 outbox_not_failed for a message that is not failed.",
    access: { action: "messaging.outbox" },
    audit: { records: [{ action: "update", entity: "outbox_message" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: OutboxMessage,
    handler: ({ tx, ctx, params }) => retryOutboxMessage(tx, ctx, params.id, enqueueDelivery),
  });

  declareRoute(app, {
    method: "POST",
    url: "/messaging/outbox/:id/cancel",
    tags: TAGS,
    summary: "Cancel a message still waiting to be sent",
    description: "409 outbox_not_queued for a message that is being sent, sent, failed or cancelled.",
    access: { action: "messaging.outbox" },
    audit: { records: [{ action: "update", entity: "outbox_message" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: OutboxMessage,
    handler: ({ tx, ctx, params }) => cancelOutboxMessage(tx, ctx, params.id),
  });
}
