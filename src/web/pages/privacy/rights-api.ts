/** Rectification history and restriction of processing of one citizen (issue 13 point 2). */
import type {
  RestrictedCitizens,
  RestrictionBody,
  RestrictionState,
  RevealedRevisionCpr,
  RevisionHistory,
} from "../../../shared/api/privacy-rights";
import { api } from "../../api/client";

/** Under the citizen's key: a restriction or correction refreshes the page, the banner and these at once. */
export const rightsKeys = {
  revisions: (citizenId: string) => ["citizen", citizenId, "revisions"] as const,
  restriction: (citizenId: string) => ["citizen", citizenId, "restriction"] as const,
  restricted: ["privacy", "restricted-citizens"] as const,
};

export const rightsApi = {
  revisions: (citizenId: string, signal?: AbortSignal) =>
    api.get<RevisionHistory>(`/citizens/${citizenId}/revisions`, signal),
  /** A logged reveal of one correction's CPR numbers; kept only in the component's memory. */
  revealRevisionCpr: (citizenId: string, revisionId: number) =>
    api.post<RevealedRevisionCpr>(`/citizens/${citizenId}/revisions/${revisionId}/cpr/reveal`),
  restriction: (citizenId: string, signal?: AbortSignal) =>
    api.get<RestrictionState>(`/citizens/${citizenId}/restriction`, signal),
  restrict: (citizenId: string, body: RestrictionBody, idempotencyKey: string) =>
    api.post<RestrictionState>(`/citizens/${citizenId}/restriction`, body, idempotencyKey),
  lift: (citizenId: string, body: RestrictionBody, idempotencyKey: string) =>
    api.post<RestrictionState>(`/citizens/${citizenId}/restriction/lift`, body, idempotencyKey),
  restricted: (signal?: AbortSignal) => api.get<RestrictedCitizens>("/privacy/restrictions", signal),
};
