/**
 * Delivery of the outbox (issue 16, decision 0105): the job "messaging.deliver-due" (every minute)
 * sends each message that is due, per municipality, through its channel.
 *
 * At-least-once, with the outbox id as the idempotency key:
 *  1. claim — in a transaction of its own, committed BEFORE anything is sent: status "sending",
 *     attempts + 1, lastAttemptAt now (FOR UPDATE SKIP LOCKED, so two processes never claim one row);
 *  2. send — outside any transaction (an SMTP server may take seconds); the id travels as the
 *     e-mail's Message-ID and the gateway's `reference`;
 *  3. mark — "sent" (with the provider's id), or back to "queued" with notBefore pushed out by the
 *     backoff, or "failed" after the municipality's maxAttempts or at once for a permanent refusal.
 * A process killed between 1 and 3 leaves the row "sending": after SENDING_TIMEOUT_MINUTES it is
 * queued again and sent again — the receiving side can recognise the repeat by the id. A message
 * killed before its claim is simply still queued.
 *
 * A channel that is switched off or lacks its settings sends nothing: its messages stay queued with
 * lastError "<channel>_disabled" / "<channel>_not_configured" (no attempt counted), and go out on the
 * first run after the administrator fixes it. Quiet hours delay a message to a citizen or relative
 * (notBefore moved to their end), never drop it; staff digests are not held by them.
 *
 * Nothing here logs a body, an address or a server's error text — only ids, counts and error codes.
 */
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { SENDING_TIMEOUT_MINUTES, nextAttemptAt } from "../../../domain/messaging/backoff.js";
import { deliverableAt, isQuiet } from "../../../domain/messaging/quiet-hours.js";
import type { Db } from "../../db/client.js";
import { municipalities, outboxMessages } from "../../db/schema/index.js";
import type { JobLogger } from "../../platform/jobs.js";
import { inTenant } from "../../platform/tenancy.js";
import { createEmailTransport } from "./email-transport.js";
import {
  type MessagingSettingsRow,
  type OutboxChannel,
  channelState,
  channelWaitCode,
  loadSettings,
} from "./settings-store.js";
import { genericHttpGateway } from "./sms-gateway.js";
import { DeliveryError, type EmailTransport } from "./transport.js";

export const DELIVER_JOB = "messaging.deliver-due";

/** A subject for an e-mail queued without one. */
const DEFAULT_SUBJECT = "Besked fra kommunen";

type OutboxRow = typeof outboxMessages.$inferSelect;

export interface DeliveryOptions {
  /** The clock (tests move it). */
  now?: () => Date;
  log?: JobLogger;
  /** Messages claimed per transaction (each waits "sending" until its turn: keep it small). */
  batchSize?: number;
  /** No new claim after this long (ms) into the round: it stays well inside the job's expireIn. */
  budgetMs?: number;
  /** At most this many sends per municipality and run; the next run goes on (the job's expireIn). */
  maxPerRun?: number;
  /** How long a row may stay "sending" before it is queued again (default SENDING_TIMEOUT_MINUTES). */
  sendingTimeoutMs?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Rows found "sending" past the timeout and queued again. */
  requeued: number;
}

const QUIET_LOG: JobLogger = { info: () => undefined, warn: () => undefined };

/** Runs one delivery round over every municipality with due messages. */
export async function deliverDueMessages(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? QUIET_LOG;
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, requeued: 0 };
  const start = now();
  const until = start.getTime() + (opts.budgetMs ?? 5 * 60_000);

  // Cut off by a crash between claim and mark: queued again (installation-wide on purpose: the job
  // serves every municipality).
  const stuckBefore = new Date(start.getTime() - (opts.sendingTimeoutMs ?? SENDING_TIMEOUT_MINUTES * 60_000));
  const requeued = await db
    .update(outboxMessages)
    .set({ status: "queued", notBefore: start, lastError: "interrupted" })
    .where(and(eq(outboxMessages.status, "sending"), lte(outboxMessages.lastAttemptAt, stuckBefore)))
    .returning({ id: outboxMessages.id });
  report.requeued = requeued.length;
  if (requeued.length > 0)
    log.warn({ messaging: { requeued: requeued.length } }, "interrupted messages queued again");

  const due = await db
    .selectDistinct({ municipalityId: outboxMessages.municipalityId })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "queued"), lte(outboxMessages.notBefore, start)));
  for (const { municipalityId } of due) {
    const r = await deliverForMunicipality(db, municipalityId, now, log, opts, until);
    report.sent += r.sent;
    report.retrying += r.retrying;
    report.failed += r.failed;
  }
  if (report.sent + report.retrying + report.failed > 0)
    log.info({ messaging: report }, "messages delivered");
  return report;
}

const dueIn = (municipalityId: string, at: Date) =>
  and(
    inTenant(outboxMessages, municipalityId),
    eq(outboxMessages.status, "queued"),
    lte(outboxMessages.notBefore, at),
  );

async function deliverForMunicipality(
  db: Db,
  municipalityId: string,
  now: () => Date,
  log: JobLogger,
  opts: DeliveryOptions,
  until: number,
): Promise<Omit<DeliveryReport, "requeued">> {
  const result = { sent: 0, retrying: 0, failed: 0 };
  const { row: settings } = await loadSettings(db, municipalityId);
  const at = now();
  const ready: OutboxChannel[] = [];
  for (const channel of ["email", "sms"] as const) {
    const state = channelState(settings, channel);
    if (state === "ready") {
      ready.push(channel);
      continue;
    }
    // Waits, visibly: the outbox says why, and nothing is counted as an attempt.
    const code = channelWaitCode(channel, state);
    await db
      .update(outboxMessages)
      .set({ lastError: code })
      .where(
        and(
          dueIn(municipalityId, at),
          eq(outboxMessages.channel, channel),
          or(isNull(outboxMessages.lastError), ne(outboxMessages.lastError, code)),
        ),
      );
  }
  if (ready.length === 0) return result;

  // Quiet hours: every due message to a citizen or relative waits until they end.
  const quiet = { from: settings.quietFrom, to: settings.quietTo };
  if (isQuiet(at, quiet)) {
    await db
      .update(outboxMessages)
      .set({ notBefore: deliverableAt(at, quiet) })
      .where(and(dueIn(municipalityId, at), inArray(outboxMessages.recipientKind, ["citizen", "relative"])));
  }

  const [municipality] = await db
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  let email: EmailTransport | null = null;
  const sms = ready.includes("sms") ? genericHttpGateway(settings.smsUrl!, settings.smsToken) : null;
  const batchSize = opts.batchSize ?? 5;
  const maxPerRun = opts.maxPerRun ?? 500;
  let done = 0;
  try {
    while (done < maxPerRun && now().getTime() < until) {
      const claimed = await claim(
        db,
        municipalityId,
        ready,
        now(),
        settings,
        Math.min(batchSize, maxPerRun - done),
      );
      result.failed += claimed.exhausted;
      if (claimed.rows.length === 0 && claimed.exhausted === 0) break;
      for (const msg of claimed.rows) {
        done++;
        try {
          let providerMessageId: string | null;
          if (msg.channel === "email") {
            email ??= createEmailTransport(settings, municipality?.name ?? "Broen");
            ({ providerMessageId } = await email.send({
              id: msg.id,
              to: msg.toAddress,
              subject: msg.subject ?? DEFAULT_SUBJECT,
              text: msg.body,
            }));
          } else {
            ({ providerMessageId } = await sms!.send({
              to: msg.toAddress,
              from: settings.smsSender,
              text: msg.body,
              reference: msg.id,
            }));
          }
          await markSent(db, msg.id, now(), providerMessageId);
          result.sent++;
        } catch (err) {
          const failure =
            err instanceof DeliveryError ? err : new DeliveryError(`${msg.channel}_error`, false);
          const next = failure.permanent ? null : nextAttemptAt(now(), msg.attempts, settings.maxAttempts);
          await markFailedTry(db, msg.id, failure.code, next);
          if (next) result.retrying++;
          else result.failed++;
          log.warn(
            { messaging: { id: msg.id, channel: msg.channel, attempts: msg.attempts, error: failure.code } },
            "message not delivered",
          );
        }
      }
    }
  } finally {
    email?.close();
  }
  return result;
}

/**
 * Claims up to `limit` due messages of ready channels (committed before any is sent). A message
 * whose attempts are already used up (queued again after a crash on its last try) is failed here
 * instead of being sent once more than the municipality allows.
 */
async function claim(
  db: Db,
  municipalityId: string,
  channels: OutboxChannel[],
  at: Date,
  settings: MessagingSettingsRow,
  limit: number,
): Promise<{ rows: OutboxRow[]; exhausted: number }> {
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: outboxMessages.id, attempts: outboxMessages.attempts })
      .from(outboxMessages)
      .where(and(dueIn(municipalityId, at), inArray(outboxMessages.channel, channels)))
      .orderBy(asc(outboxMessages.notBefore), asc(outboxMessages.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    const spent = candidates.filter((c) => c.attempts >= settings.maxAttempts).map((c) => c.id);
    const go = candidates.filter((c) => c.attempts < settings.maxAttempts).map((c) => c.id);
    if (spent.length > 0)
      await tx
        .update(outboxMessages)
        .set({ status: "failed" })
        .where(and(inTenant(outboxMessages, municipalityId), inArray(outboxMessages.id, spent)));
    const rows =
      go.length === 0
        ? []
        : await tx
            .update(outboxMessages)
            .set({ status: "sending", attempts: sql`${outboxMessages.attempts} + 1`, lastAttemptAt: at })
            .where(and(inTenant(outboxMessages, municipalityId), inArray(outboxMessages.id, go)))
            .returning();
    return { rows, exhausted: spent.length };
  });
}

async function markSent(db: Db, id: string, at: Date, providerMessageId: string | null): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: "sent", sentAt: at, providerMessageId, lastError: null })
    // Also when a round queued it again meanwhile (it took for cut off): it went out, so it is sent.
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ["sending", "queued"])));
}

async function markFailedTry(db: Db, id: string, code: string, next: Date | null): Promise<void> {
  await db
    .update(outboxMessages)
    .set(
      next ? { status: "queued", notBefore: next, lastError: code } : { status: "failed", lastError: code },
    )
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, "sending")));
}
