/**
 * The activity catalog (aktivitetskatalog) and the citizen as matching sees them. Seeds: 003
 * guidepost 4 (small communities and one-to-one relations for the most isolated, geographic
 * nearness), guidepost 5 (alliances with volunteers: catalogs organised by interests and local
 * areas, collaboration agreements, kept up to date), 004 (Holstebro's volunteer house with 140+
 * associations; 27 of 36 referrals matched with a visiting friend).
 *
 * Plain data, no zod: the API layer owns the schemas and maps to these; the ranking, the HSDS
 * export/import and the demo generator share them.
 */
import type { AccessibilityFeature } from "../course/vocabulary.js";

export type { AccessibilityFeature };

/** Who runs activities. `visiting_service` = Røde Kors / Ældre Sagen visiting and phone friends. */
export const ORGANISATION_KINDS = [
  "association",
  "church",
  "activity_centre",
  "volunteer_centre",
  "visiting_service",
  "municipal",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Guidepost 5: "udarbejde klare samarbejdsaftaler" — where the municipality stands with the organisation. */
export const COLLABORATION_AGREEMENTS = ["none", "in_progress", "signed"] as const;
export type CollaborationAgreement = (typeof COLLABORATION_AGREEMENTS)[number];

/** one_to_one: visiting/phone friend; small: at most 5 people (guidepost 4's "2–5 borgere"); large: more. */
export const GROUP_SIZES = ["one_to_one", "small", "large"] as const;
export type GroupSize = (typeof GROUP_SIZES)[number];

/** Morning before 12:00, afternoon 12:00–17:00, evening from 17:00 (see rank.ts, timesOfDay). */
export const TIMES_OF_DAY = ["morning", "afternoon", "evening"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const COST_PERIODS = ["time", "month", "year"] as const;
export type CostPeriod = (typeof COST_PERIODS)[number];

export const REMOTE_CHANNELS = ["phone", "video"] as const;
export type RemoteChannel = (typeof REMOTE_CHANNELS)[number];

/**
 * How isolated the citizen is, as the coordinator judges it in the clarifying conversation.
 * Three steps because guidepost 4 draws exactly these lines: citizens "som har været socialt
 * isolerede i kortere eller længere perioder" find new people overwhelming and do best one-to-one
 * or in a small group (most_isolated); home-care recipients in general prefer "de nære og mere
 * personlige aktivitetstilbud" (some_network); a citizen with a working network mostly lacks
 * activities, so group size is left to their own wish (good_network).
 */
export const ISOLATION_LEVELS = ["most_isolated", "some_network", "good_network"] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Same parts as a citizen's address (addressLine, postalCode, city). */
export interface CatalogAddress {
  line: string;
  postalCode: string;
  city: string;
}

/** Where an activity happens: at a venue, in the citizen's home, or by phone or video. */
export const PLACE_KINDS = ["venue", "in_home", "remote"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export type ActivityPlace =
  /** Coordinates are null when not (yet) geocoded: matching says "distance unknown". */
  | { kind: "venue"; name: string; address: CatalogAddress; lat: number | null; lon: number | null }
  /** The volunteer comes to the citizen (besøgsven, small community in someone's home). */
  | { kind: "in_home" }
  /** By phone or video (telefonven). */
  | { kind: "remote"; channels: RemoteChannel[] };

export const SCHEDULE_KINDS = ["weekly", "monthly", "dates", "by_arrangement"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** Weekday numbers are ISO: 1 = Monday … 7 = Sunday. Times are "HH:MM", Europe/Copenhagen. */
export type ActivitySchedule =
  | { kind: "weekly"; weekdays: number[]; startTime: string; endTime: string }
  /** "Første tirsdag i måneden": week 1–4 of the month, or -1 for the last one. */
  | { kind: "monthly"; weekday: number; week: 1 | 2 | 3 | 4 | -1; startTime: string; endTime: string }
  /** Single dates (YYYY-MM-DD), e.g. an excursion or a lecture series. */
  | { kind: "dates"; dates: string[]; startTime: string; endTime: string }
  /** Visiting and phone friends agree the times with the citizen. */
  | { kind: "by_arrangement" };

export const COST_KINDS = ["free", "paid"] as const;
export type CostKind = (typeof COST_KINDS)[number];

export type ActivityCost = { kind: "free" } | { kind: "paid"; amountDkk: number; per: CostPeriod };

export interface ContactPerson {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface CatalogActivity {
  /** UUID; also the HSDS service id, so a re-import matches instead of duplicating. */
  id: string;
  organisationId: string;
  title: string;
  description: string;
  /** Theme ids of the interest taxonomy (culture, exercise, …). */
  themes: string[];
  /** Interest ids of the same taxonomy the course records (knitting, walking, …). */
  interests: string[];
  place: ActivityPlace;
  schedule: ActivitySchedule;
  /** Features the place offers; `transport_offered` = the organisation fetches and brings home. */
  accessibility: AccessibilityFeature[];
  cost: ActivityCost;
  groupSize: GroupSize;
  contact: ContactPerson | null;
  /** The day someone last confirmed the details (YYYY-MM-DD); null = never. */
  lastVerifiedOn: string | null;
  active: boolean;
}

export interface CatalogOrganisation {
  /** UUID; also the HSDS organization id. */
  id: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  address: CatalogAddress | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** Who the organisation takes (e.g. "Borgere over 65, der bor i eget hjem"). */
  inclusionCriteria: string | null;
  collaborationAgreement: CollaborationAgreement;
  lastVerifiedOn: string | null;
}

export interface Catalog {
  organisations: CatalogOrganisation[];
  activities: CatalogActivity[];
}

/**
 * The part of a barrier-catalogue entry matching needs; a full `Barrier` (shared/api/course-definitions.ts,
 * checked there against this type) fits.
 */
export interface MatchingBarrier {
  id: string;
  /** What an activity must offer for a citizen with this barrier. */
  requires: AccessibilityFeature[];
  /** The citizen cannot leave home: in-home and phone offers first. */
  housebound: boolean;
}

export interface CitizenProfile {
  /** Home coordinates; null when the address is not geocoded (every distance is then unknown). */
  home: GeoPoint | null;
  /** Interest ids from the clarifying conversation. */
  interests: string[];
  /** The citizen's recorded barriers as catalogue entries (their `requires` and `housebound`). */
  barriers: MatchingBarrier[];
  isolation: IsolationLevel;
  /** Empty = any time of day. */
  preferredTimes: TimeOfDay[];
  /** The citizen's own wish, if they have one. */
  preferredGroupSize?: GroupSize | null;
  /** Beyond this an activity is demoted; default DEFAULT_MAX_DISTANCE_KM. */
  maxDistanceKm?: number;
  /** Set by the caller when cost is a barrier (e.g. the "economy" barrier): free offers first. */
  costSensitive?: boolean;
}

export type Reason =
  | { code: "shared_interests"; interests: string[] }
  | { code: "shared_themes"; themes: string[] }
  | { code: "distance"; km: number }
  | { code: "meets_needs"; features: AccessibilityFeature[] }
  | { code: "in_home" }
  | { code: "remote" }
  | { code: "in_home_for_housebound" }
  | { code: "remote_for_housebound" }
  | { code: "transport_offered" }
  | { code: "small_group_for_isolated"; groupSize: GroupSize }
  | { code: "small_group"; groupSize: GroupSize }
  | { code: "group_size_preferred"; groupSize: GroupSize }
  | { code: "time_of_day_fits"; times: TimeOfDay[] }
  | { code: "flexible_time" }
  | { code: "free" };

export type Misfit =
  | { code: "required_feature_missing"; feature: AccessibilityFeature; barriers: string[] }
  | { code: "inactive" }
  | { code: "no_upcoming_dates" }
  | { code: "venue_for_housebound" }
  | { code: "no_transport_for_housebound" }
  | { code: "too_far"; km: number; maxKm: number }
  | { code: "distance_unknown" }
  | { code: "no_shared_interests" }
  | { code: "large_group_for_isolated" }
  | { code: "group_size_not_preferred"; groupSize: GroupSize; preferred: GroupSize }
  | { code: "time_of_day_mismatch"; times: TimeOfDay[] }
  | { code: "costs"; amountDkk: number; per: CostPeriod };

/** The misfits that take an activity out of the suggestions (see rank.ts). */
export const EXCLUDING_MISFITS = [
  "required_feature_missing",
  "inactive",
  "no_upcoming_dates",
] as const satisfies readonly Misfit["code"][];

export interface Suggestion {
  activityId: string;
  /** Higher is better within a tier; rounded to one decimal. */
  score: number;
  /** 0 = fits; each demotion adds 1 (too far; a venue for a housebound citizen; one without transport). */
  tier: number;
  /** Null for in-home and remote offers and when either end has no coordinates. */
  distanceKm: number | null;
  reasons: Reason[];
  misfits: Misfit[];
  /** Present (true) only with `includeExcluded`: the activity must not be suggested; misfits say why. */
  excluded?: true;
}
