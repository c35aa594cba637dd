/**
 * Front door of the messaging module (issue 16): the outbox and its delivery by e-mail and SMS,
 * the municipality's channels, quiet hours and templates, the citizen's consent to be reached,
 * reminders, the coordinator's messages, the citizen's letter, and the staff's daily digest.
 * The only file app.ts, job-list.ts, another module or a test support file may import.
 */
import type { App } from "../../platform/app-type.js";
import type { JobDefinition } from "../../platform/jobs.js";

export { cancelQueuedMessages, queueMessage, type QueueMessageInput } from "./outbox.js";

/** Every route of the module; each part registers its own (one line per part). */
export async function messagingRoutes(app: App): Promise<void> {
  void app;
}

/** The module's jobs (delivery, the digest), for job-list.ts. */
export const messagingJobs: readonly JobDefinition[] = [];
