/**
 * The course's configuration documents per municipality (guides, barrier catalogue, interest
 * taxonomy, punch-card frame): versioned exactly like questionnaires — publishing adds a
 * version, and what was recorded keeps the id of the version it used.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import {
  BarrierCatalogue,
  ConversationGuide,
  type DefinitionKind,
  InterestTaxonomy,
  PunchCardPolicyDocument,
  type StoredDefinition,
} from "../../../shared/api/course-definitions.js";
import { builtOnce } from "../../db/built-once.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { courseDefinitions, municipalities } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { fieldIssuesOfZod } from "../../platform/error-handler.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { SHIPPED_COURSE_DEFINITIONS } from "./definitions/index.js";

const SCHEMAS = {
  conversation_guide: ConversationGuide,
  barrier_catalogue: BarrierCatalogue,
  interest_taxonomy: InterestTaxonomy,
  punch_card_policy: PunchCardPolicyDocument,
} as const;

type Row = typeof courseDefinitions.$inferSelect;

function present(row: Row): StoredDefinition {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    version: row.version,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    definition: row.definition,
  };
}

/** Gives a municipality the shipped documents (version 1) it does not have yet. */
export async function installShippedCourseDefinitions(tx: DbOrTx, municipalityId: string): Promise<void> {
  for (const d of SHIPPED_COURSE_DEFINITIONS) {
    await tx
      .insert(courseDefinitions)
      .values({ municipalityId, kind: d.kind, key: d.key, version: 1, definition: d.definition })
      .onConflictDoNothing();
  }
}

/**
 * Gives every municipality the shipped documents (version 1) it does not have yet; main.ts runs it
 * at each start, so a release that ships a new document reaches existing municipalities. One read
 * finds what is missing and one insert adds it: a start on existing data writes nothing (one insert
 * per municipality and document took seconds at national scale). Answers how many were added.
 */
export async function installShippedCourseDefinitionsEverywhere(tx: DbOrTx): Promise<number> {
  const [all, shipped] = await inSequence([
    () => tx.select({ id: municipalities.id }).from(municipalities),
    () =>
      tx
        .select({
          municipalityId: courseDefinitions.municipalityId,
          kind: courseDefinitions.kind,
          key: courseDefinitions.key,
        })
        .from(courseDefinitions)
        .where(eq(courseDefinitions.version, 1)),
  ]);
  const has = new Set(shipped.map((r) => `${r.municipalityId} ${r.kind} ${r.key}`));
  const missing = all.flatMap((m) =>
    SHIPPED_COURSE_DEFINITIONS.filter((d) => !has.has(`${m.id} ${d.kind} ${d.key}`)).map((d) => ({
      municipalityId: m.id,
      kind: d.kind,
      key: d.key,
      version: 1,
      definition: d.definition,
    })),
  );
  // onConflictDoNothing as in installShippedCourseDefinitions: a document added meanwhile stays as it is.
  if (missing.length > 0) await tx.insert(courseDefinitions).values(missing).onConflictDoNothing();
  return missing.length;
}

/** Newest active version of each document of a kind. */
export async function listCourseDefinitions(
  tx: DbOrTx,
  ctx: Ctx,
  kind: DefinitionKind,
): Promise<StoredDefinition[]> {
  authorize(ctx, { kind: "courseDefinition.read" });
  const rows = await tx
    .selectDistinctOn([courseDefinitions.key])
    .from(courseDefinitions)
    .where(
      and(
        inTenant(courseDefinitions, ctx),
        eq(courseDefinitions.kind, kind),
        eq(courseDefinitions.active, true),
      ),
    )
    .orderBy(courseDefinitions.key, desc(courseDefinitions.version));
  return rows.map(present);
}

export async function definitionVersions(
  tx: DbOrTx,
  ctx: Ctx,
  kind: DefinitionKind,
  key: string,
): Promise<StoredDefinition[]> {
  authorize(ctx, { kind: "courseDefinition.read" });
  const rows = await tx
    .select()
    .from(courseDefinitions)
    .where(
      and(inTenant(courseDefinitions, ctx), eq(courseDefinitions.kind, kind), eq(courseDefinitions.key, key)),
    )
    .orderBy(desc(courseDefinitions.version));
  if (rows.length === 0) throw AppError.notFound("definition_not_found");
  return rows.map(present);
}

/** Validates a document against its kind's schema; field paths name what is wrong. */
export function parseDefinition(kind: DefinitionKind, key: string, body: unknown) {
  const parsed = SCHEMAS[kind].safeParse(body);
  if (!parsed.success) {
    throw new AppError("invalid_course_definition", 400, { fields: fieldIssuesOfZod(parsed.error.issues) });
  }
  const docKey = (parsed.data as { key: string }).key;
  if (docKey !== key) throw AppError.field("key", "invalid_value", "invalid_course_definition");
  return parsed.data;
}

export async function publishCourseDefinition(
  tx: DbOrTx,
  ctx: Ctx,
  kind: DefinitionKind,
  key: string,
  body: unknown,
): Promise<StoredDefinition> {
  authorize(ctx, { kind: "courseDefinition.manage" });
  const definition = parseDefinition(kind, key, body);
  const [latest] = await tx
    .select({ version: courseDefinitions.version })
    .from(courseDefinitions)
    .where(
      and(inTenant(courseDefinitions, ctx), eq(courseDefinitions.kind, kind), eq(courseDefinitions.key, key)),
    )
    .orderBy(desc(courseDefinitions.version))
    .limit(1)
    .for("update");
  const [row] = await tx
    .insert(courseDefinitions)
    .values({
      municipalityId: ctx.actor.municipalityId,
      kind,
      key,
      version: (latest?.version ?? 0) + 1,
      definition,
      createdBy: ctx.actor.userId,
    })
    .returning();
  return present(row!);
}

/** The newest active document of a kind and key, for the work that records against it. */
/* Read by every registration and grant: built once (db/built-once.ts). */
const readCurrentDefinition = builtOnce((tx) =>
  tx
    .select()
    .from(courseDefinitions)
    .where(
      and(
        inTenant(courseDefinitions, sql.placeholder("municipalityId")),
        eq(courseDefinitions.kind, sql.placeholder("kind")),
        eq(courseDefinitions.key, sql.placeholder("key")),
        sql`${courseDefinitions.active}`,
      ),
    )
    .orderBy(desc(courseDefinitions.version))
    .limit(sql.placeholder("limit")),
);

export async function currentDefinition<K extends DefinitionKind>(
  tx: DbOrTx,
  municipalityId: string,
  kind: K,
  key: string,
) {
  const [row] = await readCurrentDefinition(tx, { municipalityId, kind, key, limit: 1 });
  if (!row) throw AppError.notFound("definition_not_found");
  return row;
}

export async function definitionById(tx: DbOrTx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(courseDefinitions)
    .where(and(inTenant(courseDefinitions, municipalityId), eq(courseDefinitions.id, id)));
  return row ?? null;
}

export interface CurrentPolicy {
  id: string;
  version: number;
  document: PunchCardPolicyDocument;
}

export async function currentPunchCardPolicy(tx: DbOrTx, municipalityId: string): Promise<CurrentPolicy> {
  const row = await currentDefinition(tx, municipalityId, "punch_card_policy", "punch-card");
  return { id: row.id, version: row.version, document: row.definition as PunchCardPolicyDocument };
}
