/**
 * "Mine borgere i dag": each citizen once, with all of the worker's tasks for the day
 * (issue 11 point 10) — punch-card clips planned today, opsporingsklip up to today (overdue ones
 * included, so none is forgotten), a due screening, and the citizens the worker is contact
 * person for. Provider filtering as before: a private provider's worker sees only the provider's
 * citizens, also as a named contact.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { can } from "../../../domain/access-policy.js";
import { dueReason } from "../../../domain/detection-due.js";
import { type DayEntry, groupDay } from "../../../domain/my-day.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { MyDay, MyDayTask } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenContacts, citizens, detectionClips, screenings } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";
import { dayClipsWhere, selectClips as selectPunchClips } from "../punchcard/index.js";
import { selectClips as selectDetectionClips } from "./clips.js";
import { detectionSettings } from "./settings.js";

type Citizen = MyDay["citizens"][number]["citizen"];

export async function myDay(tx: DbOrTx, ctx: Ctx): Promise<MyDay> {
  const today = copenhagenDate(new Date());
  const day = await myDayCards(tx, ctx, today);
  // One row per citizen shown, as every list of citizens is audited.
  await audit(
    tx,
    ctx,
    day.map((d) => ({
      action: "search" as const,
      entityType: "my_day",
      entityId: d.citizen.id,
      citizenId: d.citizen.id,
    })),
  );
  return { today, citizens: day };
}

/**
 * The worker's day without the audit: the staff digest (messaging) counts the same tasks by the
 * same filters, names no one and shows nothing to anyone, so it records no read of a citizen.
 */
export async function myDayCards(tx: DbOrTx, ctx: Ctx, today: string) {
  authorize(ctx, { kind: "detectionClip.list" });
  const me = ctx.actor.userId;
  const found: { citizenId: string; task: MyDayTask; at: string | null }[] = [];

  // Opsporingsklip: provider-filtered by selectDetectionClips.
  const detection = await selectDetectionClips(
    tx,
    ctx,
    and(
      eq(detectionClips.workerUserId, me),
      eq(detectionClips.status, "planned"),
      lte(detectionClips.plannedDate, today),
    ),
  );
  for (const c of detection) {
    found.push({
      citizenId: c.citizen.id,
      at: null,
      task: {
        kind: "detection_clip",
        clip: { id: c.id, plannedDate: c.plannedDate, minutes: c.minutes, overdue: c.plannedDate < today },
      },
    });
  }

  // Punch-card clips on my day, read exactly as the day's clip list reads them.
  if (can(ctx.actor, { kind: "clip.day", workerUserId: me }).allowed) {
    for (const { clip: c } of await selectPunchClips(tx, ctx, dayClipsWhere(ctx, today, me))) {
      found.push({
        citizenId: c.citizenId,
        at: c.plannedStart,
        task: {
          kind: "clip",
          clip: {
            id: c.id,
            courseId: c.courseId,
            kind: c.kind,
            accompanimentForm: c.accompanimentForm,
            status: c.status,
            plannedStart: c.plannedStart,
            plannedMinutes: c.plannedMinutes,
          },
        },
      });
    }
  }

  const contactOf = await tx
    .selectDistinct({ citizenId: citizenContacts.citizenId })
    .from(citizenContacts)
    .where(and(inTenant(citizenContacts, ctx), eq(citizenContacts.userId, me)));
  for (const c of contactOf)
    found.push({ citizenId: c.citizenId, at: null, task: { kind: "contact_person" } });

  const ids = [...new Set(found.map((f) => f.citizenId))];
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select({
            id: citizens.id,
            name: sql<string>`${citizens.firstName} || ' ' || ${citizens.lastName}`,
            address: sql<string>`${citizens.addressLine} || ', ' || ${citizens.postalCode} || ' ' || ${citizens.city}`,
            sortName: citizens.sortName,
            providerOrganisationId: citizens.providerOrganisationId,
            homeCareSince: citizens.homeCareSince,
            inTargetGroup: citizens.inTargetGroup,
          })
          .from(citizens)
          // Anonymised or restricted citizens are on no one's day (issue 13).
          .where(and(inTenant(citizens, ctx), inArray(citizens.id, ids), listedCitizen()));
  // A private provider's worker keeps seeing only the provider's citizens, even as a named contact.
  const visible = new Map(
    rows
      .filter(
        (c) =>
          can(ctx.actor, {
            kind: "citizen.read",
            citizen: {
              municipalityId: ctx.actor.municipalityId,
              providerOrganisationId: c.providerOrganisationId,
            },
          }).allowed,
      )
      .map((c) => [c.id, c]),
  );

  // A due screening, by the due lists' rule, for the citizens already on the day.
  const settings = await detectionSettings(tx, ctx.actor.municipalityId);
  const lastScreened =
    visible.size === 0
      ? []
      : await tx
          .select({
            citizenId: screenings.citizenId,
            lastOn: sql<string>`to_char(max(${screenings.performedAt}) at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`,
          })
          .from(screenings)
          .where(and(inTenant(screenings, ctx), inArray(screenings.citizenId, [...visible.keys()])))
          .groupBy(screenings.citizenId);
  const lastOn = new Map(lastScreened.map((r) => [r.citizenId, r.lastOn]));
  for (const c of visible.values()) {
    const last = lastOn.get(c.id) ?? null;
    const reason = dueReason(
      { homeCareSince: c.homeCareSince, lastScreenedOn: last, inTargetGroup: c.inTargetGroup },
      today,
      settings,
    );
    if (reason === "never_screened_new" || reason === "rescreen_due")
      found.push({
        citizenId: c.id,
        at: null,
        task: { kind: "screening_due", reason, lastScreenedOn: last },
      });
  }

  const entries: DayEntry<Citizen, MyDayTask>[] = found.flatMap((f) => {
    const c = visible.get(f.citizenId);
    return c
      ? [
          {
            citizen: { id: c.id, name: c.name, address: c.address },
            sortKey: c.sortName,
            task: f.task,
            at: f.at,
          },
        ]
      : [];
  });
  return groupDay(entries);
}
