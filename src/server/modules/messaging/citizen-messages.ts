/**
 * The coordinator's short message to a citizen (issue 16, part "citizenMessage"), from a template,
 * optionally in the coordinator's own words; queued on the citizen's channel like any message
 * (delivery, quiet hours and retries are the outbox's). Refused with 409 when the citizen has not
 * consented or has no SMS or e-mail channel: no message leaves Broen without the consent.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { citizenRecipient, spokenDate } from "../../../domain/messaging/reminders.js";
import { renderTemplate } from "../../../domain/messaging/templates.js";
import type { CitizenMessageBody, SentMessage } from "../../../shared/api/messaging-citizen.js";
import type { DbOrTx } from "../../db/client.js";
import { outboxMessages, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { citizenFor } from "./consent.js";
import { consentInForce } from "./consent-store.js";
import { queueMessage } from "./outbox.js";
import { nextVisit } from "./reminders.js";
import { TEMPLATE_KEY_VARIABLES } from "./template-defaults.js";
import { templateInForce, textIssues } from "./templates.js";

/** The text of the message as the citizen would get it now, and where it would go (or why it cannot). */
async function compose(tx: DbOrTx, ctx: Ctx, citizenId: string, body: CitizenMessageBody) {
  const citizen = await citizenFor(tx, ctx, citizenId, "citizen.message");
  const m = ctx.actor.municipalityId;
  const consent = await consentInForce(tx, m, citizenId);
  const recipient = citizenRecipient(consent);
  const lang = consent?.lang ?? "da";
  const template = await templateInForce(tx, m, body.templateKey, lang);
  const text = body.text ?? template.body;
  const variables = TEMPLATE_KEY_VARIABLES[body.templateKey];
  const issues = textIssues("text", text, { variables }, ctx.lang);
  if (issues.length > 0) throw new AppError("validation_failed", 400, { fields: issues });
  // The sender signs: {koordinator} and {telefon} are the coordinator writing.
  const [me] = await tx
    .select({ name: users.displayName, phone: users.phone })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  const visit = variables.includes("dato") ? await nextVisit(tx, m, citizenId) : null;
  const values = {
    fornavn: citizen.firstName,
    koordinator: me?.name ?? null,
    telefon: me?.phone ?? null,
    dato: visit ? spokenDate(visit.day, lang) : null,
    tid: visit?.clock ?? null,
    sted: visit?.place ?? null,
    medarbejder: visit?.worker ?? null,
  };
  const channel = typeof recipient === "string" ? null : recipient.channel;
  return {
    recipient,
    template,
    text,
    rendered: {
      subject: channel === "email" && template.subject ? renderTemplate(template.subject, values) : null,
      body: renderTemplate(text, values),
    },
  };
}

export async function previewMessage(tx: DbOrTx, ctx: Ctx, citizenId: string, body: CitizenMessageBody) {
  const { recipient, template, rendered } = await compose(tx, ctx, citizenId, body);
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { purpose: "message_preview" },
  });
  return {
    reachable: typeof recipient === "string" ? recipient : ("yes" as const),
    channel: typeof recipient === "string" ? null : recipient.channel,
    toAddress: typeof recipient === "string" ? null : recipient.toAddress,
    subject: rendered.subject,
    body: rendered.body,
    templateBody: template.body,
  };
}

export async function sendMessage(tx: DbOrTx, ctx: Ctx, citizenId: string, body: CitizenMessageBody) {
  const { recipient, template, text, rendered } = await compose(tx, ctx, citizenId, body);
  if (recipient === "no_consent") throw new AppError("messaging_no_consent", 409);
  if (recipient === "no_channel") throw new AppError("messaging_no_channel", 409);
  const { id } = await queueMessage(tx, {
    municipalityId: ctx.actor.municipalityId,
    kind: "citizen_message",
    channel: recipient.channel,
    recipientKind: "citizen",
    citizenId,
    toAddress: recipient.toAddress,
    subject: rendered.subject,
    body: rendered.body,
    templateKey: body.templateKey,
    // The coordinator's own words were not the template's: no version to point at.
    templateVersion: text === template.body ? template.version : null,
    // The route's Idempotency-Key already answers a repeat with this message; each new send is its own.
    dedupeKey: `citizen_message:${randomUUID()}`,
    createdBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "create",
    entityType: "citizen_message",
    entityId: id,
    citizenId,
    criterion: { kind: body.templateKey },
  });
  const [sent] = await sentMessages(tx, ctx, citizenId, id);
  return sent!;
}

async function sentMessages(tx: DbOrTx, ctx: Ctx, citizenId: string, id?: string): Promise<SentMessage[]> {
  const rows = await tx
    .select({ m: outboxMessages, creatorName: users.displayName })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.createdBy))
    .where(
      and(
        inTenant(outboxMessages, ctx),
        eq(outboxMessages.citizenId, citizenId),
        id ? eq(outboxMessages.id, id) : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(200);
  return rows.map(({ m, creatorName }) => ({
    id: m.id,
    kind: m.kind,
    channel: m.channel,
    recipientKind: m.recipientKind,
    toAddress: m.toAddress,
    subject: m.subject,
    body: m.body,
    templateKey: m.templateKey,
    status: m.status,
    notBefore: m.notBefore.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    createdBy: m.createdBy ? { id: m.createdBy, name: creatorName ?? "" } : null,
    createdAt: m.createdAt.toISOString(),
  }));
}

/** What was sent (or is waiting) to the citizen and their relative: the coordinator's messages and the reminders. */
export async function listMessages(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  await citizenFor(tx, ctx, citizenId, "citizen.message");
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { purpose: "messages" },
  });
  return sentMessages(tx, ctx, citizenId);
}
