/**
 * The job `messaging.digest` (issue 16 point 2): every hour, for each municipality whose digest
 * hour (messaging_settings.digestHour, 7 without a row) is the current Copenhagen hour, one e-mail
 * per active user who gave an address and has the digest on — queued in the outbox, delivered by
 * the outbox's own job.
 *
 * Safe to repeat and to run in several processes at once: each digest's dedupe key is
 * `digest:<userId>:<day>`, unique per municipality, so a retry, a second run in the same hour or
 * another process's run finds the first one and queues nothing. Users are taken in batches of
 * BATCH, each in its own transaction, so a large municipality never holds one long transaction and
 * a failure keeps the batches already queued (the retry skips them by their keys).
 */
import { and, asc, eq, gt, inArray, isNotNull, max, ne } from "drizzle-orm";
import type { Actor } from "../../../domain/access-policy.js";
import {
  activeTopics,
  buildDigest,
  copenhagenHour,
  digestDedupeKey,
  digestWindowStart,
} from "../../../domain/messaging/digest.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { Db } from "../../db/client.js";
import {
  messagingSettings,
  municipalities,
  organisations,
  outboxMessages,
  staffNotificationPreferences,
  users,
} from "../../db/schema/index.js";
import { type JobLogger, defineJob, failureOf } from "../../platform/jobs.js";
import { publicBaseUrl } from "../../platform/public-url.js";
import { inTenant } from "../../platform/tenancy.js";
import { detectionSettings } from "../detection/index.js";
import { gatherDigest } from "./digest-gather.js";
import { DEFAULT_DIGEST_HOUR } from "./digest-preferences.js";
import { queueMessage } from "./outbox.js";

export const DIGEST_JOB = "messaging.digest";
/** Users per transaction. */
export const BATCH = 50;

export interface DigestRunResult {
  municipalities: number;
  queued: number;
  /** Users whose digest could not be made (logged by class and code); the job fails and retries them. */
  failed: number;
}

/**
 * `now` (ISO) sets the clock for a test or a catch-up by hand; `municipalityId` limits the run to
 * one municipality (still only at its digest hour).
 */
export type DigestJobData = { now?: string; municipalityId?: string };

export const digestJob = defineJob<DigestJobData>({
  name: DIGEST_JOB,
  // Every hour on the hour: each municipality picks its own hour.
  schedule: { cron: "0 * * * *" },
  retryLimit: 3,
  retryDelaySeconds: 120,
  expireInSeconds: 1800,
  async handler(job) {
    const now = job.data.now ? new Date(job.data.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error("messaging.digest: data.now is not a date");
    const result = await runDigests(job.db, now, { municipalityId: job.data.municipalityId, log: job.log });
    job.log.info({ job: { name: job.name, ...result } }, "digests queued");
    // Failed users are retried by the job's retry; everyone else's digest is queued and skipped then.
    if (result.failed > 0) throw new Error(`messaging.digest: ${result.failed} digests failed`);
  },
});

/** Queues the digests due at `now`; answers how many municipalities were due and how many e-mails were queued. */
export async function runDigests(
  db: Db,
  now: Date,
  opts: { municipalityId?: string; baseUrl?: string; log?: JobLogger } = {},
): Promise<DigestRunResult> {
  const hour = copenhagenHour(now);
  // The municipalities table is the tenants themselves: the job runs across them, one at a time.
  const all = await db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(opts.municipalityId ? eq(municipalities.id, opts.municipalityId) : undefined)
    .orderBy(asc(municipalities.id));
  // Every municipality's digest hour (a row only where an administrator saved the settings).
  const hours = new Map(
    (
      await db
        .select({
          municipalityId: messagingSettings.municipalityId,
          digestHour: messagingSettings.digestHour,
        })
        .from(messagingSettings)
    ).map((r) => [r.municipalityId, r.digestHour]),
  );
  const due = all.filter((m) => (hours.get(m.id) ?? DEFAULT_DIGEST_HOUR) === hour);
  const baseUrl = opts.baseUrl ?? publicBaseUrl();
  let queued = 0;
  let failed = 0;
  for (const m of due) {
    const r = await runMunicipality(db, now, m, baseUrl, opts.log);
    queued += r.queued;
    failed += r.failed;
  }
  return { municipalities: due.length, queued, failed };
}

async function runMunicipality(
  db: Db,
  now: Date,
  municipality: { id: string; name: string },
  baseUrl: string,
  log: JobLogger | undefined,
): Promise<{ queued: number; failed: number }> {
  const today = copenhagenDate(now);
  const { referralWaitDays } = await detectionSettings(db, municipality.id);
  let queued = 0;
  let failed = 0;
  let after: string | null = null;
  for (;;) {
    const last: string | null = after;
    const done: { lastId: string | null; queued: number } = await db.transaction(async (tx) => {
      const batch = await tx
        .select({
          userId: users.id,
          organisationId: users.organisationId,
          organisationKind: organisations.kind,
          districtId: users.districtId,
          ambassadorDistrictId: users.ambassadorDistrictId,
          role: users.role,
          email: staffNotificationPreferences.email,
          mutedTopics: staffNotificationPreferences.mutedTopics,
          lang: staffNotificationPreferences.lang,
        })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .innerJoin(staffNotificationPreferences, eq(staffNotificationPreferences.userId, users.id))
        .where(
          and(
            inTenant(users, municipality.id),
            eq(users.active, true),
            ne(users.role, "system_client"),
            eq(staffNotificationPreferences.digestEnabled, true),
            isNotNull(staffNotificationPreferences.email),
            last ? gt(users.id, last) : undefined,
          ),
        )
        .orderBy(asc(users.id))
        .limit(BATCH);
      if (batch.length === 0) return { lastId: null, queued: 0 };
      const ids = batch.map((u) => u.userId);
      // Repeats skip the users whose digest of the day is queued already, before any counting.
      const already = new Set(
        (
          await tx
            .select({ userId: outboxMessages.userId })
            .from(outboxMessages)
            .where(
              and(
                inTenant(outboxMessages, municipality.id),
                inArray(
                  outboxMessages.dedupeKey,
                  ids.map((id) => digestDedupeKey(id, today)),
                ),
              ),
            )
        ).map((r) => r.userId),
      );
      // "New since the last digest": the moment each user's previous digest was made.
      const previous = new Map(
        (
          await tx
            .select({ userId: outboxMessages.userId, at: max(outboxMessages.notBefore) })
            .from(outboxMessages)
            .where(
              and(
                inTenant(outboxMessages, municipality.id),
                eq(outboxMessages.kind, "staff_digest"),
                inArray(outboxMessages.userId, ids),
              ),
            )
            .groupBy(outboxMessages.userId)
        ).map((r) => [r.userId, r.at ? new Date(r.at) : null]),
      );
      let n = 0;
      for (const u of batch) {
        if (already.has(u.userId) || !u.email) continue;
        const actor: Actor = {
          userId: u.userId,
          municipalityId: municipality.id,
          organisationId: u.organisationId,
          organisationKind: u.organisationKind,
          districtId: u.districtId,
          role: u.role,
          ambassadorDistrictId: u.ambassadorDistrictId,
        };
        const topics = activeTopics(actor, u.mutedTopics);
        if (topics.length === 0) continue;
        const email = u.email;
        try {
          // A savepoint per user: one user's failure must not keep the rest of the batch from
          // their digest; the job then fails and its retry tries that user again (the others'
          // keys are taken).
          const created = await tx.transaction(async (sp) => {
            const items = await gatherDigest(sp, {
              actor,
              topics,
              now,
              today,
              since: digestWindowStart(now, previous.get(u.userId) ?? null),
              referralWaitDays,
            });
            const message = buildDigest({
              lang: u.lang,
              day: today,
              municipalityName: municipality.name,
              baseUrl,
              items,
            });
            if (!message) return false;
            return (
              await queueMessage(sp, {
                municipalityId: municipality.id,
                kind: "staff_digest",
                channel: "email",
                recipientKind: "user",
                userId: u.userId,
                toAddress: email,
                subject: message.subject,
                body: message.body,
                dedupeKey: digestDedupeKey(u.userId, today),
                notBefore: now,
              })
            ).created;
          });
          if (created) n++;
        } catch (err) {
          failed++;
          // The error's class and code only: a driver's message can quote a row.
          log?.warn({ job: { name: DIGEST_JOB, userId: u.userId, ...failureOf(err) } }, "digest failed");
        }
      }
      return { lastId: batch.length < BATCH ? null : batch[batch.length - 1]!.userId, queued: n };
    });
    queued += done.queued;
    if (!done.lastId) break;
    after = done.lastId;
  }
  return { queued, failed };
}
