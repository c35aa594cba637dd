/**
 * The weekly triage meeting (triageringsmøde, Hjortespring's model in seed 001):
 * the team goes through its citizens with the latest risk colour, sets colour
 * and decision with one click each; the decisions are the meeting's minutes.
 */
import { stringify } from "csv-stringify/sync";
import { neutraliseRows } from "../../../domain/spreadsheet-cell.js";
import {
  type ColourSource,
  RISK_COLOURS,
  type RiskColour,
  type TriageDecision,
} from "../../../domain/vocabulary/detection.js";
import { and, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { TriageMeeting, TriageRow } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { districts, screenings, triageDecisions, triageMeetings } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { loadCitizenFor } from "../citizens/index.js";
import { citizensWithLastScreening } from "./due.js";

type Latest = { colour: RiskColour; source: ColourSource; at: Date };

/** The latest colour per citizen; `exceptMeetingId` leaves one meeting's own decisions out. */
async function latestColours(tx: DbOrTx, ctx: Ctx, citizenIds: string[], exceptMeetingId?: string) {
  if (citizenIds.length === 0) return new Map<string, Latest>();
  const fromScreenings = await tx
    .selectDistinctOn([screenings.citizenId], {
      citizenId: screenings.citizenId,
      colour: screenings.colour,
      at: screenings.performedAt,
    })
    .from(screenings)
    .where(
      and(
        inTenant(screenings, ctx),
        inArray(screenings.citizenId, citizenIds),
        inArray(screenings.colour, [...RISK_COLOURS]),
      ),
    )
    .orderBy(screenings.citizenId, desc(screenings.performedAt));
  const fromTriage = await tx
    .selectDistinctOn([triageDecisions.citizenId], {
      citizenId: triageDecisions.citizenId,
      colour: triageDecisions.colour,
      at: triageDecisions.decidedAt,
    })
    .from(triageDecisions)
    .where(
      and(
        inTenant(triageDecisions, ctx),
        inArray(triageDecisions.citizenId, citizenIds),
        isNotNull(triageDecisions.colour),
        exceptMeetingId ? ne(triageDecisions.meetingId, exceptMeetingId) : undefined,
      ),
    )
    .orderBy(triageDecisions.citizenId, desc(triageDecisions.decidedAt));
  const latest = new Map<string, Latest>();
  for (const s of fromScreenings)
    latest.set(s.citizenId, { colour: s.colour as RiskColour, source: "screening", at: s.at });
  for (const t of fromTriage) {
    const prev = latest.get(t.citizenId);
    if (!prev || t.at > prev.at)
      latest.set(t.citizenId, { colour: t.colour as RiskColour, source: "triage", at: t.at });
  }
  return latest;
}

const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" });

async function triageRows(
  tx: DbOrTx,
  ctx: Ctx,
  districtId: string | undefined,
  filter: string,
  meetingId: string | null,
): Promise<TriageRow[]> {
  const citizensOfTeam = await citizensWithLastScreening(tx, ctx, districtId);
  const inGroup = citizensOfTeam.filter((c) => c.inTargetGroup);
  // At a meeting, the colour from before it is read apart from the meeting's own decisions: the page
  // groups by it, so a citizen does not jump to another group while the team sets a colour.
  const colours = await latestColours(
    tx,
    ctx,
    inGroup.map((c) => c.id),
    meetingId ?? undefined,
  );
  const decisions = meetingId
    ? new Map(
        (
          await tx
            .select()
            .from(triageDecisions)
            .where(and(inTenant(triageDecisions, ctx), eq(triageDecisions.meetingId, meetingId)))
        ).map((d) => [d.citizenId, d]),
      )
    : new Map();
  return inGroup
    .map((c) => {
      const before = colours.get(c.id);
      const d = decisions.get(c.id);
      const latest: Latest | undefined =
        d?.colour && (!before || d.decidedAt > before.at)
          ? { colour: d.colour, source: "triage", at: d.decidedAt }
          : before;
      return {
        citizen: {
          id: c.id,
          name: `${c.firstName} ${c.lastName}`,
          address: c.address,
          provider: c.providerId ? { id: c.providerId, name: c.providerName ?? "" } : null,
        },
        colour: latest?.colour ?? null,
        colourSource: latest?.source ?? null,
        colourDate: latest ? DAY.format(latest.at) : null,
        lastScreenedOn: c.lastScreenedOn,
        decision: d?.decision ?? null,
        meetingColour: d?.colour ?? null,
        ...(meetingId ? { colourBefore: before?.colour ?? null } : {}),
      };
    })
    .filter((r) =>
      filter === "yellow_red"
        ? r.colour === "yellow" || r.colour === "red"
        : filter === "never_screened"
          ? r.lastScreenedOn === null
          : true,
    );
}

export async function triageOverview(tx: DbOrTx, ctx: Ctx, query: { districtId?: string; filter: string }) {
  authorize(ctx, { kind: "triage.run" });
  const rows = await triageRows(tx, ctx, query.districtId, query.filter, null);
  await audit(
    tx,
    ctx,
    rows.map((r) => ({
      action: "search" as const,
      entityType: "triage",
      entityId: r.citizen.id,
      citizenId: r.citizen.id,
      criterion: { districtId: query.districtId, filter: query.filter },
    })),
  );
  return rows;
}

/** Opening the same district's meeting for the same day twice gives the one meeting. */
export async function openMeeting(tx: DbOrTx, ctx: Ctx, body: { districtId: string; heldOn: string }) {
  authorize(ctx, { kind: "triage.run" });
  const [district] = await tx
    .select({ id: districts.id })
    .from(districts)
    .where(and(inTenant(districts, ctx), eq(districts.id, body.districtId)));
  if (!district) throw AppError.field("districtId", "invalid_value");
  await tx
    .insert(triageMeetings)
    .values({
      municipalityId: ctx.actor.municipalityId,
      districtId: body.districtId,
      heldOn: body.heldOn,
      createdBy: ctx.actor.userId,
    })
    .onConflictDoNothing();
  const [meeting] = await tx
    .select({ id: triageMeetings.id })
    .from(triageMeetings)
    .where(
      and(
        inTenant(triageMeetings, ctx),
        eq(triageMeetings.districtId, body.districtId),
        eq(triageMeetings.heldOn, body.heldOn),
      ),
    );
  return getMeeting(tx, ctx, meeting!.id, "all");
}

async function meetingRow(tx: DbOrTx, ctx: Ctx, id: string) {
  const [m] = await tx
    .select({
      id: triageMeetings.id,
      districtId: triageMeetings.districtId,
      districtName: districts.name,
      heldOn: triageMeetings.heldOn,
    })
    .from(triageMeetings)
    .innerJoin(districts, eq(districts.id, triageMeetings.districtId))
    .where(and(inTenant(triageMeetings, ctx), eq(triageMeetings.id, id)));
  if (!m) throw AppError.notFound("triage_meeting_not_found");
  return m;
}

export async function getMeeting(tx: DbOrTx, ctx: Ctx, id: string, filter: string): Promise<TriageMeeting> {
  authorize(ctx, { kind: "triage.run" });
  const m = await meetingRow(tx, ctx, id);
  const rows = await triageRows(tx, ctx, m.districtId, filter, m.id);
  await audit(
    tx,
    ctx,
    rows.map((r) => ({
      action: "search" as const,
      entityType: "triage_meeting",
      entityId: r.citizen.id,
      citizenId: r.citizen.id,
      criterion: { meetingId: id },
    })),
  );
  return { id: m.id, district: { id: m.districtId, name: m.districtName }, heldOn: m.heldOn, rows };
}

/** One click sets colour or decision; a second click on the same citizen updates the same minute line. */
export async function recordDecision(
  tx: DbOrTx,
  ctx: Ctx,
  meetingId: string,
  citizenId: string,
  body: { colour?: RiskColour | null; decision?: TriageDecision | null },
) {
  authorize(ctx, { kind: "triage.run" });
  await meetingRow(tx, ctx, meetingId);
  await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  const set = {
    ...(body.colour !== undefined ? { colour: body.colour } : {}),
    ...(body.decision !== undefined ? { decision: body.decision } : {}),
  };
  await tx
    .insert(triageDecisions)
    .values({
      municipalityId: ctx.actor.municipalityId,
      meetingId,
      citizenId,
      colour: body.colour ?? null,
      decision: body.decision ?? null,
      decidedBy: ctx.actor.userId,
    })
    .onConflictDoUpdate({
      target: [triageDecisions.meetingId, triageDecisions.citizenId],
      set: { ...set, decidedBy: ctx.actor.userId, decidedAt: sql`now()` },
    });
  await audit(tx, ctx, {
    action: "update",
    entityType: "triage_decision",
    entityId: meetingId,
    citizenId,
    criterion: { fields: Object.keys(set) },
  });
  const [d] = await tx
    .select({ colour: triageDecisions.colour, decision: triageDecisions.decision })
    .from(triageDecisions)
    .where(and(eq(triageDecisions.meetingId, meetingId), eq(triageDecisions.citizenId, citizenId)));
  return { citizenId, colour: d?.colour ?? null, decision: d?.decision ?? null };
}

const COLOUR_DA: Record<string, string> = { green: "grøn", yellow: "gul", red: "rød" };
const DECISION_DA: Record<string, string> = {
  screen: "screen",
  refer: "henvis",
  watch: "hold øje",
  no_action: "ingen handling",
};

export async function exportMeetingCsv(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
): Promise<{ csv: string; heldOn: string }> {
  authorize(ctx, { kind: "triage.run" });
  const m = await meetingRow(tx, ctx, id);
  const rows = await triageRows(tx, ctx, m.districtId, "all", m.id);
  await audit(
    tx,
    ctx,
    rows.map((r) => ({
      action: "export" as const,
      entityType: "triage_meeting",
      entityId: r.citizen.id,
      citizenId: r.citizen.id,
      criterion: { meetingId: id },
    })),
  );
  const csv = stringify(
    neutraliseRows(
      rows.map((r) => [
        r.citizen.name,
        r.citizen.address,
        r.colour ? COLOUR_DA[r.colour] : "",
        r.colourDate ?? "",
        r.lastScreenedOn ?? "aldrig",
        r.meetingColour ? COLOUR_DA[r.meetingColour] : "",
        r.decision ? DECISION_DA[r.decision] : "",
      ]),
    ),
    {
      header: true,
      delimiter: ";",
      columns: [
        "borger",
        "adresse",
        "seneste farve",
        "dato",
        "sidst screenet",
        "farve på mødet",
        "beslutning",
      ],
    },
  );
  return { csv, heldOn: m.heldOn };
}
