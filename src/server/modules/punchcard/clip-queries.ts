/**
 * Reads of clips: one select with the citizen, worker, provider and registrar names, used by
 * the card, the worker's day and the planner's day alike.
 */
import { aliasedTable, and, asc, eq } from "drizzle-orm";
import type { Clip } from "../../../shared/api/punch-card.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, clips, organisations, users } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

const worker = aliasedTable(users, "worker");
const registrar = aliasedTable(users, "registrar");

export function selectClips(tx: DbOrTx, ctx: Ctx, where: ReturnType<typeof and>) {
  return tx
    .select({
      clip: clips,
      citizenFirstName: citizens.firstName,
      citizenLastName: citizens.lastName,
      citizenAddress: citizens.addressLine,
      citizenProviderId: citizens.providerOrganisationId,
      workerName: worker.displayName,
      registrarName: registrar.displayName,
      providerName: organisations.name,
    })
    .from(clips)
    .innerJoin(citizens, eq(citizens.id, clips.citizenId))
    .innerJoin(organisations, eq(organisations.id, clips.providerOrganisationId))
    .leftJoin(worker, eq(worker.id, clips.workerUserId))
    .leftJoin(registrar, eq(registrar.id, clips.registeredBy))
    .where(and(inTenant(clips, ctx), where))
    .orderBy(asc(clips.plannedOn), asc(clips.plannedStart), asc(clips.createdAt));
}

export type ClipRow = Awaited<ReturnType<typeof selectClips>>[number];

export function presentClips(rows: ClipRow[]): Clip[] {
  return rows.map(({ clip: c, ...r }) => ({
    id: c.id,
    courseId: c.courseId,
    citizen: {
      id: c.citizenId,
      name: `${r.citizenFirstName} ${r.citizenLastName}`,
      address: r.citizenAddress,
    },
    kind: c.kind,
    accompanimentForm: c.accompanimentForm,
    status: c.status,
    plannedOn: c.plannedOn,
    plannedStart: c.plannedStart,
    plannedMinutes: c.plannedMinutes,
    worker: c.workerUserId ? { id: c.workerUserId, name: r.workerName ?? "" } : null,
    provider: { id: c.providerOrganisationId, name: r.providerName },
    interventionId: c.interventionId,
    performedOn: c.performedOn,
    actualMinutes: c.actualMinutes,
    note: c.note,
    cancelledByCitizen: c.cancelledByCitizen,
    cancelReason: c.cancelReason,
    exception: c.exception,
    exceptionReason: c.exceptionReason,
    registeredBy: c.registeredBy ? { id: c.registeredBy, name: r.registrarName ?? "" } : null,
  }));
}
