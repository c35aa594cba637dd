/**
 * The citizen's journal as far as Broen keeps it: observation notes tagged
 * "ensomhed" (seed 000: "Skriv observationsnotat: Tag ensomhed") and
 * professional notes, e.g. a refusal saved as active ("Gem som aktiv").
 * Note texts are health data: they are never logged and never in the audit criterion.
 */
import { and, desc, eq } from "drizzle-orm";
import type { JournalNoteKind } from "../../../domain/vocabulary/detection.js";
import type { CreateJournalNoteBody, JournalNote } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { journalNotes, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, loadCitizenFor } from "../citizens/index.js";

export const LONELINESS_TAG = "ensomhed";

export interface NewNote {
  kind: JournalNoteKind;
  title: string;
  body: string;
  tags: string[];
  active: boolean;
  screeningId?: string | null;
}

/** Writes a note; callers have authorised and audit it as part of their own work. */
export async function insertNote(tx: DbOrTx, ctx: Ctx, citizenId: string, note: NewNote): Promise<string> {
  const [row] = await tx
    .insert(journalNotes)
    .values({
      municipalityId: ctx.actor.municipalityId,
      citizenId,
      kind: note.kind,
      tags: note.tags,
      title: note.title,
      body: note.body,
      active: note.active,
      screeningId: note.screeningId ?? null,
      authorUserId: ctx.actor.userId,
      authorOrganisationId: ctx.actor.organisationId,
    })
    .returning({ id: journalNotes.id });
  return row!.id;
}

async function selectNotes(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<JournalNote[]> {
  const rows = await tx
    .select({
      id: journalNotes.id,
      kind: journalNotes.kind,
      tags: journalNotes.tags,
      title: journalNotes.title,
      body: journalNotes.body,
      active: journalNotes.active,
      authorId: users.id,
      authorName: users.displayName,
      orgId: organisations.id,
      orgName: organisations.name,
      createdAt: journalNotes.createdAt,
    })
    .from(journalNotes)
    .innerJoin(users, eq(users.id, journalNotes.authorUserId))
    .innerJoin(organisations, eq(organisations.id, journalNotes.authorOrganisationId))
    .where(and(inTenant(journalNotes, ctx), eq(journalNotes.citizenId, citizenId)))
    .orderBy(desc(journalNotes.active), desc(journalNotes.createdAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    tags: r.tags,
    title: r.title,
    body: r.body,
    active: r.active,
    author: { id: r.authorId, name: r.authorName },
    organisation: { id: r.orgId, name: r.orgName },
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listJournal(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  tag: string | undefined,
): Promise<JournalNote[]> {
  await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  const notes = await selectNotes(tx, ctx, citizenId);
  await audit(tx, ctx, {
    action: "read",
    entityType: "journal",
    entityId: citizenId,
    citizenId,
    criterion: tag ? { tag } : null,
  });
  return tag ? notes.filter((n) => n.tags.includes(tag)) : notes;
}

export async function addNote(tx: DbOrTx, ctx: Ctx, citizenId: string, body: CreateJournalNoteBody) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "journal.write", citizen: asResource(citizen) });
  const id = await insertNote(tx, ctx, citizenId, {
    ...body,
    tags: [...new Set(body.tags.map((t) => t.toLowerCase()))],
  });
  await audit(tx, ctx, { action: "create", entityType: "journal_note", entityId: id, citizenId });
  return (await selectNotes(tx, ctx, citizenId)).find((n) => n.id === id)!;
}

export async function setNoteActive(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  noteId: string,
  active: boolean,
) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "journal.write", citizen: asResource(citizen) });
  const updated = await tx
    .update(journalNotes)
    .set({ active })
    .where(
      and(inTenant(journalNotes, ctx), eq(journalNotes.citizenId, citizenId), eq(journalNotes.id, noteId)),
    )
    .returning({ id: journalNotes.id });
  if (updated.length === 0) throw AppError.notFound();
  await audit(tx, ctx, {
    action: "update",
    entityType: "journal_note",
    entityId: noteId,
    citizenId,
    criterion: { fields: ["active"] },
  });
  return (await selectNotes(tx, ctx, citizenId)).find((n) => n.id === noteId)!;
}
