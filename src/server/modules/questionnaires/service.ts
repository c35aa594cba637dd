/**
 * Screening instruments as versioned data per municipality. Publishing a
 * changed definition adds a new version; screenings point at the exact
 * version they were answered on, so a change never alters answers given.
 */
import { and, desc, eq, lt, max } from "drizzle-orm";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires.js";
import type { DbOrTx } from "../../db/client.js";
import { questionnaireDefinitions } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { SHIPPED_DEFINITIONS } from "./definitions/index.js";

export interface StoredQuestionnaire {
  id: string;
  key: string;
  version: number;
  active: boolean;
  createdAt: string;
  definition: QuestionnaireDefinition;
}

function present(row: typeof questionnaireDefinitions.$inferSelect): StoredQuestionnaire {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    definition: { ...(row.definition as QuestionnaireDefinition), version: row.version },
  };
}

/** Gives a municipality the shipped instruments (version 1) it does not have yet. */
export async function installShippedQuestionnaires(tx: DbOrTx, municipalityId: string): Promise<void> {
  for (const definition of SHIPPED_DEFINITIONS) {
    await tx
      .insert(questionnaireDefinitions)
      .values({ municipalityId, key: definition.key, version: 1, definition: { ...definition, version: 1 } })
      .onConflictDoNothing();
  }
}

/**
 * The newest version of each instrument for administrators (active or not); for everyone
 * else the newest active version, so withdrawing a new version and reactivating an older
 * one offers the older one again instead of hiding the instrument.
 */
export async function listQuestionnaires(tx: DbOrTx, ctx: Ctx): Promise<StoredQuestionnaire[]> {
  authorize(ctx, { kind: "questionnaire.read" });
  const rows = await tx
    .selectDistinctOn([questionnaireDefinitions.key])
    .from(questionnaireDefinitions)
    .where(
      and(
        inTenant(questionnaireDefinitions, ctx),
        ctx.actor.role === "administrator" ? undefined : eq(questionnaireDefinitions.active, true),
      ),
    )
    .orderBy(questionnaireDefinitions.key, desc(questionnaireDefinitions.version));
  return rows.map(present);
}

export async function getQuestionnaire(tx: DbOrTx, ctx: Ctx, id: string): Promise<StoredQuestionnaire> {
  authorize(ctx, { kind: "questionnaire.read" });
  const [row] = await tx
    .select()
    .from(questionnaireDefinitions)
    .where(and(inTenant(questionnaireDefinitions, ctx), eq(questionnaireDefinitions.id, id)));
  if (!row) throw AppError.notFound("questionnaire_not_found");
  return present(row);
}

export async function listVersions(tx: DbOrTx, ctx: Ctx, key: string): Promise<StoredQuestionnaire[]> {
  authorize(ctx, { kind: "questionnaire.manage" });
  const rows = await tx
    .select()
    .from(questionnaireDefinitions)
    .where(and(inTenant(questionnaireDefinitions, ctx), eq(questionnaireDefinitions.key, key)))
    .orderBy(desc(questionnaireDefinitions.version));
  if (rows.length === 0) throw AppError.notFound("questionnaire_not_found");
  return rows.map(present);
}

/** Publishes a definition as the next version of its key (a new key starts at 1). */
export async function publishQuestionnaire(
  tx: DbOrTx,
  ctx: Ctx,
  definition: QuestionnaireDefinition,
): Promise<StoredQuestionnaire> {
  authorize(ctx, { kind: "questionnaire.manage" });
  const [current] = await tx
    .select({ version: max(questionnaireDefinitions.version) })
    .from(questionnaireDefinitions)
    .where(and(inTenant(questionnaireDefinitions, ctx), eq(questionnaireDefinitions.key, definition.key)));
  const version = (current?.version ?? 0) + 1;
  const [row] = await tx
    .insert(questionnaireDefinitions)
    .values({
      municipalityId: ctx.actor.municipalityId,
      key: definition.key,
      version,
      definition: { ...definition, version },
      createdBy: ctx.actor.userId,
    })
    .returning();
  // Only the newest version is offered for new screenings.
  await tx
    .update(questionnaireDefinitions)
    .set({ active: false })
    .where(
      and(
        inTenant(questionnaireDefinitions, ctx),
        eq(questionnaireDefinitions.key, definition.key),
        lt(questionnaireDefinitions.version, version),
      ),
    );
  return present(row!);
}

export async function setQuestionnaireActive(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  active: boolean,
): Promise<StoredQuestionnaire> {
  authorize(ctx, { kind: "questionnaire.manage" });
  const [row] = await tx
    .update(questionnaireDefinitions)
    .set({ active })
    .where(and(inTenant(questionnaireDefinitions, ctx), eq(questionnaireDefinitions.id, id)))
    .returning();
  if (!row) throw AppError.notFound("questionnaire_not_found");
  return present(row);
}
