/**
 * Suggests activities for one citizen, best first, each with the reasons it fits and what does
 * not fit — as codes with parameters; the web app words them. The rules in plain words are in
 * README.md. Pure and deterministic: the same profile and catalog always give the same order.
 *
 * Order = (excluded last) → tier (hard demotions) → score → title (Danish collation) → id.
 * Tiers make the hard rules guarantees rather than weights a strong interest match could outvote.
 */
import { danishCollator } from "../danish-text.js";
import type { AccessibilityFeature } from "../course/vocabulary.js";
import { haversineKm, isGeoPoint } from "./distance.js";
import { hasUpcomingDate, timesOfDay } from "./schedule.js";
import type {
  CatalogActivity,
  CitizenProfile,
  GroupSize,
  Misfit,
  Reason,
  Suggestion,
  TimeOfDay,
} from "./types.js";

/** A rural municipality: 10 km is a short drive or one bus, and guidepost 4 asks for nearness. */
export const DEFAULT_MAX_DISTANCE_KM = 10;

// Weights. Interests come first (guidepost 4: "Tag udgangspunkt i den enkelte ældre borgers
// ønsker, situation og interesser"), then closeness of relations (group size) and nearness,
// then the practical fit (time, transport, cost). Sizes are chosen so one shared interest (40)
// outweighs any single other factor (at most 25), and a small group for the most isolated
// citizen (25) counts as much as an activity at their door.
/** The first shared interest: the strongest single signal of a meaningful community. */
export const SHARED_INTEREST_POINTS = 40;
/** Each further shared interest, up to MAX_EXTRA_INTERESTS: more is better, with diminishing weight. */
export const EXTRA_INTEREST_POINTS = 10;
export const MAX_EXTRA_INTERESTS = 2;
/** Same theme (e.g. another kind of exercise) but no shared interest: a weaker hint. */
export const SHARED_THEME_POINTS = 12;
/** At the door; falls linearly to 0 at the maximum distance (guidepost 4: "geografisk nærhed"). */
export const DISTANCE_POINTS = 25;
/**
 * Distance unknown, or no travel (in-home, phone): half the distance points, i.e. what a venue
 * halfway to the limit gets — neither favoured nor penalised against places with coordinates.
 */
export const NEUTRAL_DISTANCE_POINTS = DISTANCE_POINTS / 2;
/** Most isolated + one-to-one or small group (guidepost 4: new people can be "overvældende"). */
export const ISOLATED_SMALL_GROUP_POINTS = 25;
/** Some network + small/one-to-one: home-care recipients prefer "de nære og mere personlige" offers. */
export const SMALL_GROUP_POINTS = 10;
/** The citizen's own wish for a group size. */
export const PREFERRED_GROUP_SIZE_POINTS = 15;
export const TIME_OF_DAY_POINTS = 10;
/** Transport is a common barrier (Amager's barrier schema, seed 001); fetched and brought home helps. */
export const TRANSPORT_POINTS = 8;
export const FREE_POINTS = 10;

export interface RankOptions {
  /** Also return excluded activities (after all others, `excluded: true`), for "why not X?" views. */
  includeExcluded?: boolean;
  /** Maps interests to themes for the weaker "shared theme" reason; an InterestTaxonomy fits. */
  taxonomy?: { interests: readonly { id: string; theme: string }[] };
  /** YYYY-MM-DD; when given, a dated activity whose dates have all passed is excluded. */
  today?: string;
  /** Return at most this many suggestions. */
  limit?: number;
}

interface Context {
  home: { lat: number; lon: number } | null;
  interests: ReadonlySet<string>;
  themes: ReadonlySet<string>;
  hasInterests: boolean;
  /** Feature → the barrier ids that require it, in the citizen's barrier order. */
  required: ReadonlyMap<AccessibilityFeature, string[]>;
  requiredFeatures: readonly AccessibilityFeature[];
  housebound: boolean;
  maxKm: number;
  times: ReadonlySet<TimeOfDay>;
  profile: CitizenProfile;
  today: string | undefined;
}

interface Ranked extends Suggestion {
  title: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function contextOf(profile: CitizenProfile, options: RankOptions): Context {
  const required = new Map<AccessibilityFeature, string[]>();
  for (const b of profile.barriers) {
    for (const f of b.requires) required.set(f, [...(required.get(f) ?? []), b.id]);
  }
  const themeOf = new Map((options.taxonomy?.interests ?? []).map((i) => [i.id, i.theme]));
  const themes = new Set(
    profile.interests.map((i) => themeOf.get(i)).filter((t): t is string => t !== undefined),
  );
  const home = profile.home && isGeoPoint(profile.home.lat, profile.home.lon) ? profile.home : null;
  const maxKm =
    profile.maxDistanceKm !== undefined && profile.maxDistanceKm > 0
      ? profile.maxDistanceKm
      : DEFAULT_MAX_DISTANCE_KM;
  return {
    home,
    interests: new Set(profile.interests),
    themes,
    hasInterests: profile.interests.length > 0,
    required,
    requiredFeatures: [...required.keys()],
    housebound: profile.barriers.some((b) => b.housebound),
    maxKm,
    times: new Set(profile.preferredTimes),
    profile,
    today: options.today,
  };
}

/** Hard rules: an excluded activity is never suggested (see README.md for why excluding). */
function exclusions(ctx: Context, a: CatalogActivity): Misfit[] {
  const out: Misfit[] = [];
  if (!a.active) out.push({ code: "inactive" });
  if (ctx.today !== undefined && !hasUpcomingDate(a.schedule, ctx.today))
    out.push({ code: "no_upcoming_dates" });
  // Accessibility is about a place the citizen goes to; at home or on the phone it does not apply.
  if (a.place.kind === "venue") {
    for (const [feature, barriers] of ctx.required) {
      if (!a.accessibility.includes(feature))
        out.push({ code: "required_feature_missing", feature, barriers: [...barriers] });
    }
  }
  return out;
}

function evaluate(ctx: Context, a: CatalogActivity): Ranked {
  const reasons: Reason[] = [];
  const misfits: Misfit[] = exclusions(ctx, a);
  const excluded = misfits.length > 0;
  let score = 0;
  let tier = 0;
  let distanceKm: number | null = null;

  // Interests.
  const shared = a.interests.filter((i) => ctx.interests.has(i));
  if (shared.length > 0) {
    reasons.push({ code: "shared_interests", interests: shared });
    score +=
      SHARED_INTEREST_POINTS + EXTRA_INTEREST_POINTS * Math.min(shared.length - 1, MAX_EXTRA_INTERESTS);
  } else if (ctx.hasInterests) {
    const themes = a.themes.filter((t) => ctx.themes.has(t));
    if (themes.length > 0) {
      reasons.push({ code: "shared_themes", themes });
      score += SHARED_THEME_POINTS;
    } else {
      misfits.push({ code: "no_shared_interests" });
    }
  }

  // Place: barriers, housebound, distance, transport.
  const place = a.place;
  if (place.kind === "venue") {
    if (!excluded && ctx.requiredFeatures.length > 0)
      reasons.push({ code: "meets_needs", features: [...ctx.requiredFeatures] });
    // Housebound: venues come after in-home and phone offers, and those that do not fetch the
    // citizen come after those that do. Not excluded: accompaniment clips (to/from, help out of
    // the door) exist to remove exactly this barrier (seed 003, guidepost 3).
    if (ctx.housebound) {
      misfits.push({ code: "venue_for_housebound" });
      tier += 1;
      if (!a.accessibility.includes("transport_offered")) {
        misfits.push({ code: "no_transport_for_housebound" });
        tier += 1;
      }
    }
    if (ctx.home && isGeoPoint(place.lat, place.lon)) {
      const km = haversineKm(ctx.home, { lat: place.lat!, lon: place.lon! });
      distanceKm = round1(km);
      if (km > ctx.maxKm) {
        misfits.push({ code: "too_far", km: distanceKm, maxKm: ctx.maxKm });
        tier += 1;
      } else {
        reasons.push({ code: "distance", km: distanceKm });
        score += DISTANCE_POINTS * (1 - km / ctx.maxKm);
      }
    } else {
      misfits.push({ code: "distance_unknown" });
      score += NEUTRAL_DISTANCE_POINTS;
    }
    if (a.accessibility.includes("transport_offered")) {
      reasons.push({ code: "transport_offered" });
      score += TRANSPORT_POINTS;
    }
  } else {
    const code =
      place.kind === "in_home"
        ? ctx.housebound
          ? "in_home_for_housebound"
          : "in_home"
        : ctx.housebound
          ? "remote_for_housebound"
          : "remote";
    reasons.push({ code });
    score += NEUTRAL_DISTANCE_POINTS;
  }

  // Group size: isolation (guidepost 4), then the citizen's own wish.
  score += groupSizeFit(ctx.profile, a.groupSize, reasons, misfits);

  // Time of day.
  if (ctx.times.size > 0) {
    if (a.schedule.kind === "by_arrangement") {
      reasons.push({ code: "flexible_time" });
      score += TIME_OF_DAY_POINTS;
    } else {
      const slots = timesOfDay(a.schedule);
      const fitting = slots.filter((t) => ctx.times.has(t));
      if (fitting.length > 0) {
        reasons.push({ code: "time_of_day_fits", times: fitting });
        score += TIME_OF_DAY_POINTS;
      } else {
        misfits.push({ code: "time_of_day_mismatch", times: slots });
      }
    }
  }

  // Cost, when the caller says it matters.
  if (ctx.profile.costSensitive) {
    if (a.cost.kind === "free") {
      reasons.push({ code: "free" });
      score += FREE_POINTS;
    } else {
      misfits.push({ code: "costs", amountDkk: a.cost.amountDkk, per: a.cost.per });
    }
  }

  const ranked: Ranked = {
    activityId: a.id,
    title: a.title,
    score: round1(score),
    tier,
    distanceKm,
    reasons,
    misfits,
  };
  if (excluded) ranked.excluded = true;
  return ranked;
}

function groupSizeFit(
  profile: CitizenProfile,
  size: GroupSize,
  reasons: Reason[],
  misfits: Misfit[],
): number {
  let points = 0;
  const close = size === "one_to_one" || size === "small";
  if (profile.isolation === "most_isolated") {
    if (close) {
      reasons.push({ code: "small_group_for_isolated", groupSize: size });
      points += ISOLATED_SMALL_GROUP_POINTS;
    } else {
      misfits.push({ code: "large_group_for_isolated" });
    }
  } else if (profile.isolation === "some_network" && close) {
    reasons.push({ code: "small_group", groupSize: size });
    points += SMALL_GROUP_POINTS;
  }
  const preferred = profile.preferredGroupSize;
  if (preferred) {
    if (preferred === size) {
      reasons.push({ code: "group_size_preferred", groupSize: size });
      points += PREFERRED_GROUP_SIZE_POINTS;
    } else {
      misfits.push({ code: "group_size_not_preferred", groupSize: size, preferred });
    }
  }
  return points;
}

/** Excluded last, then tier, then score: numbers only, so it is cheap. */
function compareKeys(a: Ranked, b: Ranked): number {
  const ex = Number(a.excluded === true) - Number(b.excluded === true);
  if (ex !== 0) return ex;
  if (a.tier !== b.tier) return a.tier - b.tier;
  return b.score - a.score;
}

function compare(a: Ranked, b: Ranked): number {
  const byKeys = compareKeys(a, b);
  if (byKeys !== 0) return byKeys;
  const byTitle = danishCollator.compare(a.title, b.title);
  if (byTitle !== 0) return byTitle;
  return a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;
}

/** Ranks the catalog for one citizen. Excluded activities are left out unless `includeExcluded`. */
export function rankActivities(
  profile: CitizenProfile,
  activities: readonly CatalogActivity[],
  options: RankOptions = {},
): Suggestion[] {
  const ctx = contextOf(profile, options);
  const ranked: Ranked[] = [];
  for (const a of activities) {
    const r = evaluate(ctx, a);
    if (!r.excluded || options.includeExcluded) ranked.push(r);
  }
  const limit =
    options.limit === undefined ? ranked.length : Math.max(0, Math.min(options.limit, ranked.length));
  let top: Ranked[];
  if (limit < ranked.length) {
    // With a limit, order by the numeric keys first and compare titles (Intl.Collator, the
    // costly part) only within the first `limit` and the tie group reaching past it.
    ranked.sort(compareKeys);
    let end = limit;
    while (end > 0 && end < ranked.length && compareKeys(ranked[end - 1]!, ranked[end]!) === 0) end++;
    top = ranked.slice(0, end).sort(compare).slice(0, limit);
  } else {
    top = ranked.sort(compare);
  }
  return top.map(({ title: _title, ...s }) => s);
}
