/**
 * The administrator's side of anonymisation and erasure: the policy on the real citizen, the
 * audit row, and the answers in the API's shape. The work itself is erasure.ts.
 *
 * The audit row of an anonymisation or erasure names the citizen's id (a random key that, once the
 * register row is anonymised or gone, points at no one) and how many rows were touched — never the
 * reason, which may quote the person; the reason is kept with the deletion records.
 */
import {
  ERASURE_CATEGORIES,
  type ErasureOperation,
  treatmentOf,
} from "../../../domain/privacy/erasure-plan.js";
import type { ErasureBody, ErasurePreview, ErasureResult } from "../../../shared/api/privacy-erasure.js";
import type { DbOrTx } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { asResource } from "../citizens/index.js";
import { anonymiseCitizen, eraseCitizen, erasurePreview } from "./erasure.js";
import { loadCitizen } from "./erasure-inventory.js";

const ACTION: Record<ErasureOperation, "citizen.anonymise" | "citizen.erase"> = {
  anonymise: "citizen.anonymise",
  erase: "citizen.erase",
};

async function authorized(tx: DbOrTx, ctx: Ctx, citizenId: string, kinds: ErasureOperation[]) {
  const citizen = await loadCitizen(tx, ctx.actor.municipalityId, citizenId, false);
  for (const op of kinds) authorize(ctx, { kind: ACTION[op], citizen: asResource(citizen) });
  return citizen;
}

export async function previewErasure(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<ErasurePreview> {
  await authorized(tx, ctx, citizenId, ["anonymise", "erase"]);
  const preview = await erasurePreview(tx, ctx.actor.municipalityId, citizenId);
  await audit(tx, ctx, { action: "read", entityType: "erasure_preview", entityId: citizenId, citizenId });
  return {
    citizenId,
    anonymisedAt: preview.anonymisedAt?.toISOString() ?? null,
    categories: ERASURE_CATEGORIES.map((category) => ({
      category,
      count: preview.counts[category],
      anonymise: treatmentOf("anonymise", category),
      erase: treatmentOf("erase", category),
    })),
    blockers: preview.blockers,
    reasonRequired: preview.reasonRequired,
  };
}

export async function runErasure(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  operation: ErasureOperation,
  body: ErasureBody,
): Promise<ErasureResult> {
  await authorized(tx, ctx, citizenId, [operation]);
  const input = {
    municipalityId: ctx.actor.municipalityId,
    citizenId,
    actorUserId: ctx.actor.userId,
    reason: body.reason ?? null,
  };
  const result =
    operation === "anonymise" ? await anonymiseCitizen(tx, input) : await eraseCitizen(tx, input);
  const counts = ERASURE_CATEGORIES.flatMap((category) =>
    result.counts[category] ? [{ category, count: result.counts[category] }] : [],
  );
  await audit(tx, ctx, {
    action: operation,
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { rows: counts.reduce((sum, c) => sum + c.count, 0) },
  });
  return { operation, counts, ended: result.ended };
}
