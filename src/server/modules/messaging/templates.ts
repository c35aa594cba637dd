/**
 * Message templates as versioned data (issue 16, part "templates"): the text in force for a key and
 * language is the municipality's newest active version, else Broen's shipped one
 * (template-defaults.ts). Saving adds a version, never changes one, so the outbox can say which
 * text a message was made from (outbox_messages.template_version).
 */
import { and, desc, eq, max } from "drizzle-orm";
import { checkMessageText } from "../../../domain/messaging/templates.js";
import {
  TEMPLATE_KEYS,
  type TemplateBody,
  type TemplateKey,
  type TemplateLang,
} from "../../../shared/api/messaging-templates.js";
import type { DbOrTx } from "../../db/client.js";
import { messageTemplates, users } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, type FieldIssue, isUniqueViolation } from "../../platform/errors.js";
import { FIELD_MESSAGES, type Lang } from "../../platform/messages.js";
import { inTenant } from "../../platform/tenancy.js";
import { SHIPPED_TEMPLATES, TEMPLATE_KEY_VARIABLES } from "./template-defaults.js";

export interface TemplateInForce {
  subject: string | null;
  body: string;
  /** null = Broen's shipped text. */
  version: number | null;
}

/** The text in force for a key and language in a municipality. */
export async function templateInForce(
  tx: DbOrTx,
  municipalityId: string,
  key: TemplateKey,
  lang: TemplateLang,
): Promise<TemplateInForce> {
  const [row] = await tx
    .select({
      subject: messageTemplates.subject,
      body: messageTemplates.body,
      version: messageTemplates.version,
    })
    .from(messageTemplates)
    .where(
      and(
        inTenant(messageTemplates, municipalityId),
        eq(messageTemplates.key, key),
        eq(messageTemplates.lang, lang),
        eq(messageTemplates.active, true),
      ),
    )
    .orderBy(desc(messageTemplates.version))
    .limit(1);
  return row ?? { ...SHIPPED_TEMPLATES[key][lang], version: null };
}

const withAuthor = {
  id: messageTemplates.id,
  key: messageTemplates.key,
  lang: messageTemplates.lang,
  version: messageTemplates.version,
  subject: messageTemplates.subject,
  body: messageTemplates.body,
  active: messageTemplates.active,
  createdAt: messageTemplates.createdAt,
  authorId: users.id,
  authorName: users.displayName,
};

function selectVersions(tx: DbOrTx, municipalityId: string) {
  return tx
    .select(withAuthor)
    .from(messageTemplates)
    .leftJoin(users, eq(users.id, messageTemplates.createdBy))
    .where(inTenant(messageTemplates, municipalityId))
    .$dynamic();
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof selectVersions>["execute"]>>[number];
const author = (r: VersionRow) => (r.authorId ? { id: r.authorId, name: r.authorName ?? "" } : null);

/** Every key and language with the text in force (one query for the municipality's versions). */
export async function listTemplates(tx: DbOrTx, ctx: Ctx) {
  const rows = await selectVersions(tx, ctx.actor.municipalityId).orderBy(desc(messageTemplates.version));
  return TEMPLATE_KEYS.flatMap((key) =>
    (["da", "en"] as const).map((lang) => {
      const newest = rows.find((r) => r.key === key && r.lang === lang && r.active);
      const shipped = SHIPPED_TEMPLATES[key][lang];
      return {
        key,
        lang,
        version: newest?.version ?? null,
        subject: newest ? newest.subject : shipped.subject,
        body: newest ? newest.body : shipped.body,
        variables: [...TEMPLATE_KEY_VARIABLES[key]],
        createdBy: newest ? author(newest) : null,
        createdAt: newest ? newest.createdAt.toISOString() : null,
      };
    }),
  );
}

export async function templateHistory(tx: DbOrTx, ctx: Ctx, key: TemplateKey, lang: TemplateLang) {
  const rows = await selectVersions(tx, ctx.actor.municipalityId)
    .where(
      and(inTenant(messageTemplates, ctx), eq(messageTemplates.key, key), eq(messageTemplates.lang, lang)),
    )
    .orderBy(desc(messageTemplates.version));
  return {
    key,
    lang,
    shipped: SHIPPED_TEMPLATES[key][lang],
    versions: rows.map((r) => ({
      id: r.id,
      version: r.version,
      subject: r.subject,
      body: r.body,
      createdBy: author(r),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * The guard's findings as field issues: a CPR number, a variable the key does not fill in, or an
 * open brace. An unknown variable is named in the message ("… {diagnose}"), so the editor finds it.
 */
export function textIssues(
  field: string,
  text: string,
  variables: Parameters<typeof checkMessageText>[1],
  lang: Lang,
): FieldIssue[] {
  return checkMessageText(text, variables).map((p) =>
    p.reason === "unknown_variable"
      ? { field, reason: p.reason, message: `${FIELD_MESSAGES.unknown_variable[lang]} {${p.variable}}` }
      : { field, reason: p.reason },
  );
}

/** A new version of a key's text in one language; refused when the guard finds anything. */
export async function saveTemplate(
  tx: DbOrTx,
  ctx: Ctx,
  key: TemplateKey,
  lang: TemplateLang,
  body: TemplateBody,
) {
  const variables = { variables: TEMPLATE_KEY_VARIABLES[key] };
  const issues = [
    ...(body.subject ? textIssues("subject", body.subject, variables, ctx.lang) : []),
    ...textIssues("body", body.body, variables, ctx.lang),
  ];
  if (issues.length > 0) throw new AppError("validation_failed", 400, { fields: issues });
  const [last] = await tx
    .select({ version: max(messageTemplates.version) })
    .from(messageTemplates)
    .where(
      and(inTenant(messageTemplates, ctx), eq(messageTemplates.key, key), eq(messageTemplates.lang, lang)),
    );
  try {
    await tx.insert(messageTemplates).values({
      municipalityId: ctx.actor.municipalityId,
      key,
      lang,
      version: (last?.version ?? 0) + 1,
      subject: body.subject,
      body: body.body,
      createdBy: ctx.actor.userId,
    });
  } catch (err) {
    // Two saves of one key at the same moment: the second is refused (the route's transaction rolls back).
    if (isUniqueViolation(err)) throw new AppError("template_version_conflict", 409);
    throw err;
  }
  return (await listTemplates(tx, ctx)).find((t) => t.key === key && t.lang === lang)!;
}
