/**
 * The printable activity list (issue 5, point 7; Amager's one-page list): active activities near
 * an address or in an area, grouped by theme, with only what fits one large-print page — title,
 * place, when, a phone number, cost, accessibility. The web app words and prints it.
 *
 * The page holds `limit` entries: the nearest (around a point or a citizen's home) or the first
 * in Danish order (an area). Offers that come to the citizen (in the home, by phone) are listed
 * too, after the venues; dated activities whose dates have all passed are left out. Each
 * activity appears once, under its first theme the taxonomy knows, so nothing is printed twice.
 */
import type { PrintList, PrintQuery } from "../../../shared/api/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { activityFilter } from "./filter.js";
import { findPage } from "./page.js";
import { activityOut, roundKm } from "./presenter.js";
import { currentTaxonomy } from "./queries.js";
import { resolveOrigin } from "./search.js";
import { today } from "./service.js";

type Group = PrintList["groups"][number];

export async function printList(tx: DbOrTx, ctx: Ctx, q: PrintQuery): Promise<PrintList> {
  authorize(ctx, { kind: "catalog.read" });
  const origin = await resolveOrigin(tx, ctx, q.near, q.nearCitizenId, "catalog_print");
  // Without coordinates "near the citizen" means nothing: say so rather than print the whole municipality.
  if (origin && !origin.point)
    throw AppError.field("nearCitizenId", "invalid_value", "catalog_location_unknown", 409);
  const point = origin?.point ?? null;
  const day = today();
  const filter = activityFilter({
    notPassedOn: day,
    postalCodes: q.postalCode,
    within: point ? { point, km: q.radiusKm } : undefined,
  });
  const { hits, total } = await findPage(tx, ctx, {
    filter,
    order: point ? "distance" : "title",
    limit: q.limit,
    offset: 0,
    origin: point,
  });

  const taxonomy = await currentTaxonomy(tx, ctx.actor.municipalityId);
  const order = new Map(taxonomy.themes.map((t, i) => [t.id, i]));
  const groups = new Map<string | null, Group>();
  for (const { row, distanceKm } of hits) {
    const themeId = row.themes.find((t) => order.has(t)) ?? null;
    let group = groups.get(themeId);
    if (!group) {
      const theme = themeId === null ? null : taxonomy.themes[order.get(themeId)!]!;
      group = {
        theme: theme ? { id: theme.id, label: { da: theme.label.da, en: theme.label.en ?? null } } : null,
        activities: [],
      };
      groups.set(themeId, group);
    }
    const out = activityOut(row);
    group.activities.push({
      id: out.id,
      title: out.title,
      organisationName: out.organisation.name,
      place: out.place,
      schedule:
        out.schedule.kind === "dates"
          ? { ...out.schedule, dates: out.schedule.dates.filter((d) => d >= day) }
          : out.schedule,
      timesOfDay: out.timesOfDay,
      phone: out.contact?.phone ?? row.organisationPhone,
      cost: out.cost,
      accessibility: out.accessibility,
      groupSize: out.groupSize,
      distanceKm: roundKm(distanceKm),
    });
  }
  const rank = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : order.get(id)!);
  return {
    area: { postalCodes: q.postalCode ?? null, near: point, radiusKm: point ? q.radiusKm : null },
    generatedOn: day,
    total,
    shown: hits.length,
    groups: [...groups.entries()].sort(([x], [y]) => rank(x) - rank(y)).map(([, g]) => g),
  };
}
