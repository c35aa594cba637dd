/**
 * Front door of the messaging module (issue 16): the outbox and its delivery by e-mail and SMS,
 * the municipality's channels, quiet hours and templates, the citizen's consent to be reached,
 * reminders, the coordinator's messages, the citizen's letter, and the staff's daily digest.
 * The only file app.ts, job-list.ts, another module or a test support file may import.
 */
import type { App } from "../../platform/app-type.js";
import type { JobDefinition } from "../../platform/jobs.js";
import { digestJob } from "./digest-job.js";
import { digestRoutes } from "./digest-routes.js";
import { letterRoutes } from "./letter-routes.js";
import { citizenMessagingRoutes } from "./citizen-routes.js";
import { outboxRoutes } from "./core-routes.js";
import { deliveryJobs } from "./jobs.js";
import { onVisitChanged } from "../../platform/visit-events.js";
import { syncVisitReminders } from "./reminders.js";

export { cancelQueuedMessages, queueMessage, type QueueMessageInput } from "./outbox.js";
// The core (H3): delivery for tests and other parts, the municipality's settings (digestHour, quiet hours).
export { DELIVER_JOB, deliverDueMessages, type DeliveryReport } from "./delivery.js";
export { channelState, loadSettings as loadMessagingSettings } from "./settings-store.js";
export type { SmsGateway, SmsMessage } from "./sms-gateway.js";

// Reminders the day before (issue 16): the courses and punch-card services signal a changed clip,
// conversation or course through the platform (visit-events.ts: a direct call would be an import cycle).
onVisitChanged(syncVisitReminders);

/** Every route of the module; each part registers its own (one line per part). */
export async function messagingRoutes(app: App): Promise<void> {
  void app;
  await digestRoutes(app);
  await letterRoutes(app);
  await citizenMessagingRoutes(app);
  await outboxRoutes(app);
}

/** The module's jobs (delivery, the digest), for job-list.ts. */
export const messagingJobs: readonly JobDefinition[] = [...deliveryJobs, digestJob];
