/**
 * Typed calls of the catalog and Afprøv API (issue 5): the activity catalog, matching for a
 * course, placements, volunteer-centre referrals and small communities. Types only from
 * src/shared, so no schema code lands in a page's bundle unless the page validates with it.
 */
import type {
  Activity,
  ActivityHit,
  ActivitySearchResult,
  CatalogChange,
  CreateActivityBody,
  CreateOrganisationBody,
  ImportBody,
  ImportReport,
  Organisation,
  OrganisationDetail,
  OrganisationPage,
  OrganisationSummary,
  PrintList,
  ReviewPage,
  UpdateActivityBody,
  UpdateOrganisationBody,
} from "../../../shared/api/catalog";
import type {
  AnswerVolunteerReferralBody,
  CommunityProposals,
  CreatePlacementBody,
  CreateSmallCommunityBody,
  CreateVolunteerReferralBody,
  Matches,
  MatchingProfile,
  MatchingProfileBody,
  Placement,
  PlacementStatusBody,
  RecordMeetingBody,
  SmallCommunity,
  SmallCommunityMeeting,
  SmallCommunitySummary,
  Suggestion,
  VolunteerReferral,
  VolunteerStats,
} from "../../../shared/api/placements";
import type { z } from "zod";
import type { ActivitySort } from "../../../domain/vocabulary/catalog";
import { api, query } from "../../api/client";

export type {
  Activity,
  ActivityHit,
  CatalogChange,
  Matches,
  MatchingProfile,
  Organisation,
  OrganisationDetail,
  Placement,
  PrintList,
  SmallCommunity,
  SmallCommunitySummary,
  Suggestion,
  VolunteerReferral,
  VolunteerStats,
};
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;
export type CommunityProposal = z.infer<typeof CommunityProposals>["proposals"][number];

/** The catalog search as the URL keeps it (lists joined with commas, as the API reads them). */
export interface ActivitySearch {
  q?: string;
  theme?: string;
  interest?: string;
  weekday?: string;
  timeOfDay?: string;
  accessibility?: string;
  free?: boolean;
  groupSize?: string;
  placeKind?: string;
  postalCode?: string;
  nearCitizenId?: string;
  maxKm?: number;
  organisationId?: string;
  sort?: ActivitySort;
  page?: number;
  pageSize?: number;
}

export interface PrintArea {
  postalCode?: string;
  nearCitizenId?: string;
  radiusKm?: number;
  limit?: number;
}

export interface OrganisationSearch {
  q?: string;
  kind?: string;
  page?: number;
  pageSize?: number;
}

export const catalogKeys = {
  search: (s: ActivitySearch) => ["catalog", "activities", s] as const,
  activity: (id: string) => ["catalog", "activity", id] as const,
  organisations: (s: OrganisationSearch) => ["catalog", "organisations", s] as const,
  organisation: (id: string) => ["catalog", "organisation", id] as const,
  review: (months: number, page: number) => ["catalog", "review", months, page] as const,
  changes: (id: string) => ["catalog", "changes", id] as const,
  print: (area: PrintArea) => ["catalog", "print", area] as const,
  profile: (courseId: string) => ["afproev", "course", courseId, "profile"] as const,
  matches: (courseId: string) => ["afproev", "course", courseId, "matches"] as const,
  placements: (courseId: string) => ["afproev", "course", courseId, "placements"] as const,
  courseReferrals: (courseId: string) => ["volunteer-referrals", "course", courseId] as const,
  referrals: (status: string | null) => ["volunteer-referrals", "list", status ?? "all"] as const,
  referralStats: ["volunteer-referrals", "stats"] as const,
  proposals: (maxKm: number | null) => ["small-communities", "proposals", maxKm ?? "default"] as const,
  communities: ["small-communities", "list"] as const,
  community: (id: string) => ["small-communities", "one", id] as const,
};

const withVersion = (version: number) => ({ version });

export const catalogApi = {
  search: (s: ActivitySearch, signal?: AbortSignal) =>
    api.get<ActivitySearchResult>(
      `/catalog/activities${query({ ...s, free: s.free ? "true" : undefined })}`,
      signal,
    ),
  activity: (id: string, signal?: AbortSignal) => api.get<Activity>(`/catalog/activities/${id}`, signal),
  createActivity: (body: CreateActivityBody, key: string) =>
    api.post<Activity>("/catalog/activities", body, key),
  updateActivity: (id: string, body: UpdateActivityBody, key: string) =>
    api.patch<Activity>(`/catalog/activities/${id}`, body, key),
  verifyActivity: (id: string, version: number, key: string) =>
    api.post<Activity>(`/catalog/activities/${id}/verify`, withVersion(version), key),
  deactivateActivity: (id: string, version: number, key: string) =>
    api.post<Activity>(`/catalog/activities/${id}/deactivate`, withVersion(version), key),

  organisations: (s: OrganisationSearch, signal?: AbortSignal) =>
    api.get<z.infer<typeof OrganisationPage>>(`/catalog/organisations${query({ ...s })}`, signal),
  organisation: (id: string, signal?: AbortSignal) =>
    api.get<OrganisationDetail>(`/catalog/organisations/${id}`, signal),
  createOrganisation: (body: CreateOrganisationBody, key: string) =>
    api.post<Organisation>("/catalog/organisations", body, key),
  updateOrganisation: (id: string, body: UpdateOrganisationBody, key: string) =>
    api.patch<Organisation>(`/catalog/organisations/${id}`, body, key),
  verifyOrganisation: (id: string, version: number, key: string) =>
    api.post<Organisation>(`/catalog/organisations/${id}/verify`, withVersion(version), key),
  deactivateOrganisation: (id: string, version: number, key: string) =>
    api.post<Organisation>(`/catalog/organisations/${id}/deactivate`, withVersion(version), key),

  review: (months: number, page: number, signal?: AbortSignal) =>
    api.get<ReviewPage>(`/catalog/review${query({ months, page, pageSize: 50 })}`, signal),
  changes: (entityId: string, signal?: AbortSignal) =>
    api.get<CatalogChange[]>(`/catalog/changes${query({ entityId })}`, signal),
  print: (area: PrintArea, signal?: AbortSignal) =>
    api.get<PrintList>(`/catalog/print${query({ ...area })}`, signal),
  exportUrl: "/api/catalog/export.json",
  import: (body: ImportBody, key: string) => api.post<ImportReport>("/catalog/import", body, key),
};

export const afproevApi = {
  profile: (courseId: string, signal?: AbortSignal) =>
    api.get<MatchingProfile>(`/courses/${courseId}/matching-profile`, signal),
  saveProfile: (courseId: string, body: MatchingProfileBody, key: string) =>
    api.put<MatchingProfile>(`/courses/${courseId}/matching-profile`, body, key),
  matches: (courseId: string, signal?: AbortSignal) =>
    api.get<Matches>(`/courses/${courseId}/matches${query({ limit: 25, includeExcluded: "true" })}`, signal),
  placements: (courseId: string, signal?: AbortSignal) =>
    api.get<Placement[]>(`/courses/${courseId}/placements`, signal),
  place: (courseId: string, body: CreatePlacementBody, key: string) =>
    api.post<Placement>(`/courses/${courseId}/placements`, body, key),
  move: (placementId: string, body: PlacementStatusBody, key: string) =>
    api.post<Placement>(`/placements/${placementId}/status`, body, key),

  refer: (courseId: string, body: CreateVolunteerReferralBody, key: string) =>
    api.post<VolunteerReferral>(`/courses/${courseId}/volunteer-referrals`, body, key),
  referrals: (filter: { status?: string | null; courseId?: string }, signal?: AbortSignal) =>
    api.get<VolunteerReferral[]>(
      `/volunteer-referrals${query({ status: filter.status, courseId: filter.courseId })}`,
      signal,
    ),
  referralStats: (signal?: AbortSignal) => api.get<VolunteerStats>("/volunteer-referrals/stats", signal),
  answer: (id: string, body: AnswerVolunteerReferralBody, key: string) =>
    api.post<VolunteerReferral>(`/volunteer-referrals/${id}/answer`, body, key),

  proposals: (maxKm: number | null, signal?: AbortSignal) =>
    api.get<z.infer<typeof CommunityProposals>>(
      `/small-communities/proposals${query({ maxDistanceKm: maxKm })}`,
      signal,
    ),
  communities: (signal?: AbortSignal) => api.get<SmallCommunitySummary[]>("/small-communities", signal),
  community: (id: string, signal?: AbortSignal) =>
    api.get<SmallCommunity>(`/small-communities/${id}`, signal),
  createCommunity: (body: CreateSmallCommunityBody, key: string) =>
    api.post<SmallCommunity>("/small-communities", body, key),
  recordMeeting: (id: string, body: RecordMeetingBody, key: string) =>
    api.post<SmallCommunityMeeting>(`/small-communities/${id}/meetings`, body, key),
  endCommunity: (id: string, reason: string, key: string) =>
    api.post<SmallCommunity>(`/small-communities/${id}/end`, { reason }, key),
  removeMember: (id: string, courseId: string) =>
    api.delete<SmallCommunity>(`/small-communities/${id}/members/${courseId}`),
};
