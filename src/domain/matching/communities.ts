/**
 * Proposes small communities (små fællesskaber) of 2–5 citizens, guidepost 4 of seed 003:
 * Favrskov matched citizens with "naboer, de ønskede at indgå i en relation til", "tidligere
 * relationer, de ønskede genoptaget" and "andre borgere med fælles interesser", and asks for
 * geographic nearness so that transport does not become a barrier and the members can meet
 * often, even spontaneously. Pure and deterministic: the same candidates give the same proposals.
 *
 * 1. Named relations first: citizens a citizen named (a former neighbour, an old friend) are
 *    proposed together whatever the distance or interests — the relation is the reason.
 * 2. Then shared interests near home: for each interest, most common first, a group grows from
 *    the citizen with the most neighbours sharing it; a member joins only when they live within
 *    `maxDistanceKm` of EVERY member ("live near each other", not a chain across town).
 * Each citizen is in at most one proposal; citizens without home coordinates or interests are
 * proposed only through a named relation.
 */
import { haversineKm, isGeoPoint } from "./distance.js";
import type { GeoPoint } from "./types.js";

/** Guidepost 4: "små fællesskaber" of 2–5 citizens. */
export const SMALL_COMMUNITY_MIN = 2;
export const SMALL_COMMUNITY_MAX = 5;
/** Walking distance or a short ride: the group can meet in one member's home without a journey. */
export const DEFAULT_NEARBY_KM = 2;

export interface CommunityCandidate {
  /** The caller's id (e.g. the course id). */
  id: string;
  home: GeoPoint | null;
  interests: readonly string[];
}

export interface CommunityOptions {
  maxDistanceKm?: number;
  /** Pairs of candidate ids a citizen named as former relations or neighbours. */
  relations?: readonly (readonly [string, string])[];
}

/** Why a proposal's members belong together: a relation a citizen named, or interests they share near home. */
export const COMMUNITY_PROPOSAL_KINDS = ["named_relation", "shared_interests"] as const;
export type CommunityProposalKind = (typeof COMMUNITY_PROPOSAL_KINDS)[number];

export interface CommunityProposal {
  kind: CommunityProposalKind;
  /** Candidate ids, in the order they were chosen (the first is the group's seed). */
  memberIds: string[];
  /** Interests every member has, sorted. */
  sharedInterests: string[];
  /** The largest distance between two members' homes (0.1 km); null when a home is unknown. */
  spanKm: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const homeOf = (c: CommunityCandidate): GeoPoint | null =>
  c.home && isGeoPoint(c.home.lat, c.home.lon) ? c.home : null;

function spanOf(members: readonly CommunityCandidate[]): number | null {
  let span = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = homeOf(members[i]!);
      const b = homeOf(members[j]!);
      if (!a || !b) return null;
      span = Math.max(span, haversineKm(a, b));
    }
  }
  return round1(span);
}

function sharedOf(members: readonly CommunityCandidate[]): string[] {
  const [first, ...rest] = members;
  if (!first) return [];
  return [...new Set(first.interests)].filter((i) => rest.every((m) => m.interests.includes(i))).sort();
}

/** Connected groups of named relations among the candidates, at most SMALL_COMMUNITY_MAX each. */
function relationGroups(
  byId: ReadonlyMap<string, CommunityCandidate>,
  relations: readonly (readonly [string, string])[],
): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [a, b] of relations) {
    if (a === b || !byId.has(a) || !byId.has(b)) continue;
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of [...parent.keys()].sort()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((g) => g.slice(0, SMALL_COMMUNITY_MAX));
}

export function proposeCommunities(
  candidates: readonly CommunityCandidate[],
  options: CommunityOptions = {},
): CommunityProposal[] {
  const maxKm =
    options.maxDistanceKm !== undefined && options.maxDistanceKm > 0
      ? options.maxDistanceKm
      : DEFAULT_NEARBY_KM;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const taken = new Set<string>();
  const out: CommunityProposal[] = [];

  for (const ids of relationGroups(byId, options.relations ?? [])) {
    const members = ids.map((id) => byId.get(id)!);
    ids.forEach((id) => taken.add(id));
    out.push({
      kind: "named_relation",
      memberIds: ids,
      sharedInterests: sharedOf(members),
      spanKm: spanOf(members),
    });
  }

  const pool = candidates
    .filter((c) => !taken.has(c.id) && homeOf(c) !== null && c.interests.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const frequency = new Map<string, number>();
  for (const c of pool) for (const i of new Set(c.interests)) frequency.set(i, (frequency.get(i) ?? 0) + 1);
  const interests = [...frequency.entries()]
    .filter(([, n]) => n >= SMALL_COMMUNITY_MIN)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

  const km = (a: CommunityCandidate, b: CommunityCandidate) => haversineKm(homeOf(a)!, homeOf(b)!);
  const sharedCount = (a: CommunityCandidate, b: CommunityCandidate) =>
    a.interests.filter((i) => b.interests.includes(i)).length;

  for (const [interest] of interests) {
    let open = pool.filter((c) => !taken.has(c.id) && c.interests.includes(interest));
    while (open.length >= SMALL_COMMUNITY_MIN) {
      const neighbours = (c: CommunityCandidate) => open.filter((o) => o !== c && km(c, o) <= maxKm);
      // The seed with the most neighbours gives the largest group; ties go to the smallest id (pool order).
      let seed = open[0]!;
      let best = -1;
      for (const c of open) {
        const n = neighbours(c).length;
        if (n > best) [seed, best] = [c, n];
      }
      if (best === 0) break;
      const group = [seed];
      const near = neighbours(seed).sort(
        (a, b) =>
          sharedCount(seed, b) - sharedCount(seed, a) || km(seed, a) - km(seed, b) || (a.id < b.id ? -1 : 1),
      );
      for (const c of near) {
        if (group.length >= SMALL_COMMUNITY_MAX) break;
        if (group.every((m) => km(m, c) <= maxKm)) group.push(c);
      }
      group.forEach((m) => taken.add(m.id));
      out.push({
        kind: "shared_interests",
        memberIds: group.map((m) => m.id),
        sharedInterests: sharedOf(group),
        spanKm: spanOf(group),
      });
      open = open.filter((c) => !taken.has(c.id));
    }
  }
  return out;
}
