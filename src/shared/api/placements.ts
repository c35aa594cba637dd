/**
 * API of Afprøv (issue 5) beyond the catalog itself: matching activities for a citizen, placements
 * of the citizen in an activity, referrals to the volunteer centre (only what the citizen
 * consented to share) and small communities of 2–5 citizens.
 *
 * Requests validate (and trim) what people type; responses are plain objects, so the serializer
 * also strips any field a presenter did not mean to send.
 */
import { z } from "zod";
import { ACCESSIBILITY_FEATURES } from "../../domain/course/vocabulary.js";
import { LIMITS } from "../../domain/limits.js";
import { COMMUNITY_PROPOSAL_KINDS } from "../../domain/matching/communities.js";
import { PLACEMENT_STATUS_ORDER } from "../../domain/matching/placement-workflow.js";
import {
  COST_PERIODS,
  GROUP_SIZES,
  ISOLATION_LEVELS,
  PLACE_KINDS,
  REMOTE_CHANNELS,
  TIMES_OF_DAY,
} from "../../domain/matching/types.js";
import {
  CONSENT_FIELDS,
  MATCH_KINDS,
  MOBILITY_NEEDS,
  SMALL_COMMUNITY_STATUSES,
  VOLUNTEER_REFERRAL_ANSWERS,
  VOLUNTEER_REFERRAL_STATUSES,
} from "../../domain/vocabulary/placements.js";
import { IdRef, isoDate, optionalText, requiredText, uuid } from "./common.js";

export const IsolationLevel = z.enum(ISOLATION_LEVELS);
export const TimeOfDay = z.enum(TIMES_OF_DAY);
export const GroupSize = z.enum(GROUP_SIZES);
export const AccessibilityFeature = z.enum(ACCESSIBILITY_FEATURES);
export const PlacementStatus = z.enum(PLACEMENT_STATUS_ORDER);
export type PlacementStatus = z.infer<typeof PlacementStatus>;

const Version = z.int().min(1);
/** Beyond this the "maximum distance" is no longer a preference: 100 km crosses most regions. */
export const MAX_MATCH_DISTANCE_KM = 100;

// ---- matching ----

export const MatchingProfileBody = z.strictObject({
  isolation: IsolationLevel,
  /** Empty = any time of day. */
  preferredTimes: z.array(TimeOfDay).max(TIMES_OF_DAY.length).default([]),
  preferredGroupSize: GroupSize.nullable().optional(),
  /** Null = the default (DEFAULT_MAX_DISTANCE_KM of domain/matching/rank.ts). */
  maxDistanceKm: z.number().positive().max(MAX_MATCH_DISTANCE_KM).nullable().optional(),
});
export type MatchingProfileBody = z.infer<typeof MatchingProfileBody>;

/** The most suggestions one request returns (a short list for the citizen, not the catalog). */
export const MAX_MATCHES = 100;

export const MatchesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_MATCHES).default(25),
  /** "true": also the activities that must not be suggested, last, with the misfit that excludes them. */
  includeExcluded: z.enum(["true", "false"]).optional(),
});

/** What the coordinator set for the course; `stored: false` = nothing set yet, defaults shown. */
export const MatchingProfile = z.object({
  stored: z.boolean(),
  isolation: IsolationLevel,
  preferredTimes: z.array(TimeOfDay),
  preferredGroupSize: GroupSize.nullable(),
  maxDistanceKm: z.number().nullable(),
});
export type MatchingProfile = z.infer<typeof MatchingProfile>;

/** The profile a ranking used: the stored one with defaults, plus what came from the conversation. */
export const UsedProfile = MatchingProfile.extend({
  /** Preferred times after the barriers (dark evenings take the evening out). */
  effectiveTimes: z.array(TimeOfDay),
  effectiveMaxDistanceKm: z.number(),
  costSensitive: z.boolean(),
  interests: z.array(z.string()),
  barriers: z.array(z.string()),
  homeKnown: z.boolean(),
  /** The held conversation interests and barriers came from; null when none is held yet. */
  conversationHeldAt: z.string().nullable(),
});
export type UsedProfile = z.infer<typeof UsedProfile>;

export const MatchReason = z.discriminatedUnion("code", [
  z.object({ code: z.literal("shared_interests"), interests: z.array(z.string()) }),
  z.object({ code: z.literal("shared_themes"), themes: z.array(z.string()) }),
  z.object({ code: z.literal("distance"), km: z.number() }),
  z.object({ code: z.literal("meets_needs"), features: z.array(AccessibilityFeature) }),
  z.object({ code: z.literal("in_home") }),
  z.object({ code: z.literal("remote") }),
  z.object({ code: z.literal("in_home_for_housebound") }),
  z.object({ code: z.literal("remote_for_housebound") }),
  z.object({ code: z.literal("transport_offered") }),
  z.object({ code: z.literal("small_group_for_isolated"), groupSize: GroupSize }),
  z.object({ code: z.literal("small_group"), groupSize: GroupSize }),
  z.object({ code: z.literal("group_size_preferred"), groupSize: GroupSize }),
  z.object({ code: z.literal("time_of_day_fits"), times: z.array(TimeOfDay) }),
  z.object({ code: z.literal("flexible_time") }),
  z.object({ code: z.literal("free") }),
]);
export type MatchReason = z.infer<typeof MatchReason>;

export const MatchMisfit = z.discriminatedUnion("code", [
  z.object({
    code: z.literal("required_feature_missing"),
    feature: AccessibilityFeature,
    barriers: z.array(z.string()),
  }),
  z.object({ code: z.literal("inactive") }),
  z.object({ code: z.literal("no_upcoming_dates") }),
  z.object({ code: z.literal("venue_for_housebound") }),
  z.object({ code: z.literal("no_transport_for_housebound") }),
  z.object({ code: z.literal("too_far"), km: z.number(), maxKm: z.number() }),
  z.object({ code: z.literal("distance_unknown") }),
  z.object({ code: z.literal("no_shared_interests") }),
  z.object({ code: z.literal("large_group_for_isolated") }),
  z.object({ code: z.literal("group_size_not_preferred"), groupSize: GroupSize, preferred: GroupSize }),
  z.object({ code: z.literal("time_of_day_mismatch"), times: z.array(TimeOfDay) }),
  z.object({ code: z.literal("costs"), amountDkk: z.number(), per: z.enum(COST_PERIODS) }),
]);
export type MatchMisfit = z.infer<typeof MatchMisfit>;

const Clock = z.string();
export const ActivitySchedule = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("weekly"),
    weekdays: z.array(z.number().int()),
    startTime: Clock,
    endTime: Clock,
  }),
  z.object({
    kind: z.literal("monthly"),
    weekday: z.number().int(),
    week: z.literal([1, 2, 3, 4, -1]),
    startTime: Clock,
    endTime: Clock,
  }),
  z.object({ kind: z.literal("dates"), dates: z.array(z.string()), startTime: Clock, endTime: Clock }),
  z.object({ kind: z.literal("by_arrangement") }),
]);

export const ActivityPlace = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("venue"),
    name: z.string(),
    address: z.object({ line: z.string(), postalCode: z.string(), city: z.string() }),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  }),
  z.object({ kind: z.literal("in_home") }),
  z.object({ kind: z.literal("remote"), channels: z.array(z.enum(REMOTE_CHANNELS)) }),
]);

export const ActivityCost = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("free") }),
  z.object({ kind: z.literal("paid"), amountDkk: z.number(), per: z.enum(COST_PERIODS) }),
]);

/** What a suggestion shows of an activity (the catalog's own page has the rest). */
export const ActivitySummary = z.object({
  id: uuid,
  title: z.string(),
  organisation: IdRef,
  place: ActivityPlace,
  schedule: ActivitySchedule,
  groupSize: GroupSize,
  accessibility: z.array(AccessibilityFeature),
  cost: ActivityCost,
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Suggestion = z.object({
  activity: ActivitySummary,
  /** Null for in-home and phone offers and when a place or the home has no coordinates. */
  distanceKm: z.number().nullable(),
  /** 0 = fits; each hard demotion (too far, a venue for a housebound citizen …) adds 1. */
  tier: z.number().int(),
  score: z.number(),
  reasons: z.array(MatchReason),
  misfits: z.array(MatchMisfit),
  /** True only with includeExcluded: never to be suggested; the misfits say why. */
  excluded: z.boolean(),
  /** The course's active placement in this activity, if there is one. */
  placement: z.object({ id: uuid, status: PlacementStatus }).nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Matches = z.object({ profile: UsedProfile, suggestions: z.array(Suggestion) });
export type Matches = z.infer<typeof Matches>;

// ---- placements ----

export const CreatePlacementBody = z.strictObject({
  activityId: uuid,
  // No `reasons`: the server works them out from the matching (a client-sent one is refused, 400).
});
export type CreatePlacementBody = z.infer<typeof CreatePlacementBody>;

export const PlacementStatusBody = z.strictObject({
  to: PlacementStatus,
  /** Required when stopping. */
  reason: optionalText(LIMITS.note),
  version: Version,
});
export type PlacementStatusBody = z.infer<typeof PlacementStatusBody>;

export const PlacementEvent = z.object({
  fromStatus: PlacementStatus.nullable(),
  toStatus: PlacementStatus,
  reason: z.string().nullable(),
  actor: IdRef,
  at: z.string(),
});

export const Placement = z.object({
  id: uuid,
  courseId: uuid,
  activity: z.object({ id: uuid, title: z.string(), organisation: IdRef, placeKind: z.enum(PLACE_KINDS) }),
  status: PlacementStatus,
  stopReason: z.string().nullable(),
  reasons: z.array(MatchReason),
  allowedMoves: z.array(PlacementStatus),
  createdBy: IdRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  events: z.array(PlacementEvent),
});
export type Placement = z.infer<typeof Placement>;

// ---- the volunteer centre ----

/** What a citizen can agree to share with the volunteer centre, one by one (CONSENT_FIELDS). */
export const ConsentField = z.enum(CONSENT_FIELDS);
export type ConsentField = z.infer<typeof ConsentField>;

export const VolunteerReferralStatus = z.enum(VOLUNTEER_REFERRAL_STATUSES);
export const MatchKind = z.enum(MATCH_KINDS);

export const CreateVolunteerReferralBody = z.strictObject({
  /** An organisation of kind volunteer_centre in the municipality. */
  toOrganisationId: uuid,
  consentFields: z.array(ConsentField).min(1).max(CONSENT_FIELDS.length),
  /** What the coordinator asks the volunteer centre for; shared as written. */
  message: requiredText(LIMITS.note),
});
export type CreateVolunteerReferralBody = z.infer<typeof CreateVolunteerReferralBody>;

export const VolunteerReferralListQuery = z.strictObject({
  status: VolunteerReferralStatus.optional(),
  courseId: uuid.optional(),
});
export type VolunteerReferralListQuery = z.infer<typeof VolunteerReferralListQuery>;

export const AnswerVolunteerReferralBody = z
  .strictObject({
    status: z.enum(VOLUNTEER_REFERRAL_ANSWERS),
    /** Required when matched: an activity, a visiting friend or a phone friend. */
    matchKind: MatchKind.nullable().optional(),
    /** The catalog activity the citizen was matched with (matchKind activity). */
    matchedActivityId: uuid.nullable().optional(),
    /** What was arranged, or why not. */
    answer: requiredText(LIMITS.note),
  })
  .refine((b) => b.status !== "matched" || !!b.matchKind, {
    path: ["matchKind"],
    params: { reason: "required" },
  })
  .refine((b) => !b.matchedActivityId || b.matchKind === "activity", {
    path: ["matchedActivityId"],
    params: { reason: "invalid_value" },
  });
export type AnswerVolunteerReferralBody = z.infer<typeof AnswerVolunteerReferralBody>;

export const VolunteerStatsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export type VolunteerStatsQuery = z.infer<typeof VolunteerStatsQuery>;

/** Only the consented fields are present. */
export const SharedCitizen = z.object({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phone: z.string().nullable().optional(),
  address: z.object({ line: z.string(), postalCode: z.string(), city: z.string() }).optional(),
  /** The decade only, e.g. "80-89". */
  ageGroup: z.string().optional(),
  /** Interest labels (Danish) of the taxonomy version the conversation used. */
  interests: z.array(z.string()).optional(),
  wishes: z.string().nullable().optional(),
  /** Empty = any time of day. */
  availability: z.array(TimeOfDay).optional(),
  mobility: z.array(z.enum(MOBILITY_NEEDS)).optional(),
});
export type SharedCitizen = z.infer<typeof SharedCitizen>;

export const VolunteerReferral = z.object({
  id: uuid,
  status: VolunteerReferralStatus,
  toOrganisation: IdRef,
  consentFields: z.array(ConsentField),
  shared: SharedCitizen,
  message: z.string(),
  matchKind: MatchKind.nullable(),
  matchedActivity: z.object({ id: uuid, title: z.string() }).nullable(),
  answer: z.string().nullable(),
  answeredBy: IdRef.nullable(),
  answeredAt: z.string().nullable(),
  createdBy: IdRef,
  createdAt: z.string(),
  /** The course it came from — only for municipal staff who may read the course, never the volunteer centre. */
  course: z.object({ id: uuid, citizenId: uuid }).nullable(),
  /**
   * When the citizen withdrew consent (status "withdrawn"): the shared data is gone. The volunteer
   * centre then sees only that the referral ended — no reason, no data, no answer — and who recorded
   * the withdrawal only municipal staff see.
   */
  withdrawnAt: z.string().nullable(),
  withdrawnBy: IdRef.nullable(),
});
export type VolunteerReferral = z.infer<typeof VolunteerReferral>;

/**
 * Holstebro's figure: 36 referred, 27 matched = 75 %. The status report's definitions
 * (modules/placements/volunteer-figures.ts): `referred` sent in the period; `matched` matches
 * recorded in the period, also those that later ended; `matchesEnded` of those, ended by the
 * period's end; `answered`, `noMatch`, `tooComplex` (too complex without a match) of the referrals
 * sent, by the answer given — also when consent was withdrawn later; `withdrawn` of the referrals
 * sent, those whose consent was withdrawn. `share` is matched of referred, in per cent (never clamped).
 */
export const VolunteerStats = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  referred: z.number().int(),
  answered: z.number().int(),
  matched: z.number().int(),
  matchesEnded: z.number().int(),
  noMatch: z.number().int(),
  tooComplex: z.number().int(),
  /** Of the referrals sent: those whose consent the citizen later withdrew (they stay counted above as answered). */
  withdrawn: z.number().int(),
  share: z.number().nullable(),
});
export type VolunteerStats = z.infer<typeof VolunteerStats>;

// ---- small communities ----

export const SmallCommunityStatus = z.enum(SMALL_COMMUNITY_STATUSES);

export const ProposalsQuery = z.strictObject({
  /** How far apart members may live; default DEFAULT_NEARBY_KM of domain/matching/communities.ts. */
  maxDistanceKm: z.coerce.number().positive().max(20).optional(),
});

export const CreateSmallCommunityBody = z.strictObject({
  name: requiredText(LIMITS.name),
  courseIds: z.array(uuid).min(2).max(5),
  /** Often one member's home. */
  meetingPlace: optionalText(LIMITS.address),
  /** A worker who hosts the first meetings (guidepost 4). */
  hostUserId: uuid.nullable().optional(),
});
export type CreateSmallCommunityBody = z.infer<typeof CreateSmallCommunityBody>;

export const SmallCommunityListQuery = z.strictObject({ status: SmallCommunityStatus.optional() });
export const AddMemberBody = z.strictObject({ courseId: uuid });
export const MemberParams = z.strictObject({ id: uuid, courseId: uuid });

export const RecordMeetingBody = z.strictObject({
  heldOn: isoDate,
  place: optionalText(LIMITS.address),
  note: optionalText(LIMITS.note),
});
export type RecordMeetingBody = z.infer<typeof RecordMeetingBody>;

export const EndSmallCommunityBody = z.strictObject({ reason: requiredText(LIMITS.note) });

const CitizenRef = z.object({ id: uuid, name: z.string(), address: z.string() });

export const CommunityProposal = z.object({
  kind: z.enum(COMMUNITY_PROPOSAL_KINDS),
  members: z.array(z.object({ courseId: uuid, citizen: CitizenRef, interests: z.array(z.string()) })),
  sharedInterests: z.array(z.string()),
  spanKm: z.number().nullable(),
});
export const CommunityProposals = z.object({
  maxDistanceKm: z.number(),
  proposals: z.array(CommunityProposal),
});

export const SmallCommunityMeeting = z.object({
  id: uuid,
  heldOn: z.string(),
  place: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: IdRef,
  createdAt: z.string(),
});
export type SmallCommunityMeeting = z.infer<typeof SmallCommunityMeeting>;

export const SmallCommunityMember = z.object({
  courseId: uuid,
  citizen: CitizenRef,
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
});

export const SmallCommunitySummary = z.object({
  id: uuid,
  name: z.string(),
  status: SmallCommunityStatus,
  meetingPlace: z.string().nullable(),
  host: IdRef.nullable(),
  /** Members who have not left. */
  members: z.array(z.object({ courseId: uuid, citizen: z.object({ id: uuid, name: z.string() }) })),
  lastMeetingOn: z.string().nullable(),
  createdAt: z.string(),
});
export type SmallCommunitySummary = z.infer<typeof SmallCommunitySummary>;

export const SmallCommunity = z.object({
  id: uuid,
  name: z.string(),
  status: SmallCommunityStatus,
  meetingPlace: z.string().nullable(),
  host: IdRef.nullable(),
  endReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdBy: IdRef,
  createdAt: z.string(),
  /** Everyone who has been a member; leftAt says who left. */
  members: z.array(SmallCommunityMember),
  meetings: z.array(SmallCommunityMeeting),
});
export type SmallCommunity = z.infer<typeof SmallCommunity>;
