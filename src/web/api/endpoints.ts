/** Typed calls of the API (types only from src/shared, so no schema code lands in the shell bundle). */
import type { District, Organisation, User } from "../../shared/api/admin";
import type { ChangePasswordBody, LoginBody, Me, SwitchMunicipalityBody } from "../../shared/api/auth";
import type {
  AuditTrail,
  CitizenDetail,
  CitizenPage,
  Contact,
  CreateCitizenBody,
  CreateContactBody,
  UpdateCitizenBody,
} from "../../shared/api/citizens";
import type { AuditTrailQuery } from "../../shared/api/citizens";

/** One page of a citizen's trail, from a Copenhagen day (issue 17.4). */
export type AuditTrailFilter = Pick<AuditTrailQuery, "from"> & { page: number; pageSize: number };
import type { CitizenSort } from "../../domain/vocabulary/citizens";
import type { OrganisationKind, Role } from "../../domain/vocabulary/organisation";
import { api, query, request } from "./client";

export interface CitizenSearch {
  q?: string;
  providerId?: string;
  districtId?: string;
  sort?: CitizenSort;
  page?: number;
  pageSize?: number;
}

export const keys = {
  me: ["me"] as const,
  citizens: (search: CitizenSearch) => ["citizens", search] as const,
  citizen: (id: string) => ["citizen", id] as const,
  audit: (id: string, filter?: AuditTrailFilter) => ["citizen", id, "audit", filter ?? null] as const,
  organisations: ["organisations"] as const,
  districts: ["districts"] as const,
  users: ["users"] as const,
};

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>("/auth/me", signal),
  login: (body: LoginBody) => api.post<Me>("/auth/login", body),
  /** A session from the municipality's identity provider answers where to end it there too (issue 15). */
  logout: () => api.post<{ endSessionUrl: string } | undefined>("/auth/logout"),
  changePassword: (body: ChangePasswordBody) => api.post<undefined>("/auth/password", body),
  /** Work in another of one's municipalities (decision 0104); the caller then reloads the app. */
  switchMunicipality: (body: SwitchMunicipalityBody, key: string) =>
    api.post<Me>("/auth/municipality", body, key),
};

export const citizensApi = {
  /** POST, so the term never lands in a URL (history, proxies, server logs); a read all the same. */
  search: (search: CitizenSearch, signal?: AbortSignal) =>
    request<CitizenPage>("POST", "/citizens/search", { body: search, signal }),
  get: (id: string, signal?: AbortSignal) => api.get<CitizenDetail>(`/citizens/${id}`, signal),
  create: (body: CreateCitizenBody, key: string) => api.post<CitizenDetail>("/citizens", body, key),
  update: (id: string, body: UpdateCitizenBody, key: string) =>
    api.patch<CitizenDetail>(`/citizens/${id}`, body, key),
  revealCpr: (id: string) => api.post<{ cpr: string }>(`/citizens/${id}/cpr/reveal`),
  addContact: (id: string, body: CreateContactBody, key: string) =>
    api.post<Contact>(`/citizens/${id}/contacts`, body, key),
  removeContact: (id: string, contactId: string) => api.delete(`/citizens/${id}/contacts/${contactId}`),
  audit: (id: string, filter: AuditTrailFilter, signal?: AbortSignal) =>
    api.get<AuditTrail>(`/citizens/${id}/audit${query(filter)}`, signal),
  auditCsvUrl: (id: string) => `/api/citizens/${id}/audit.csv`,
};

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  districtId: string | null;
  phone?: string | null;
  ambassadorDistrictId?: string | null;
  password: string;
}

export const adminApi = {
  organisations: (signal?: AbortSignal) => api.get<Organisation[]>("/organisations", signal),
  createOrganisation: (body: { name: string; kind: OrganisationKind }, key: string) =>
    api.post<Organisation>("/organisations", body, key),
  updateOrganisation: (
    id: string,
    body: { name?: string; active?: boolean; sorCode?: string | null },
    key?: string,
  ) => api.patch<Organisation>(`/organisations/${id}`, body, key),
  districts: (signal?: AbortSignal) => api.get<District[]>("/districts", signal),
  createDistrict: (body: { name: string }, key: string) => api.post<District>("/districts", body, key),
  updateDistrict: (id: string, body: { name?: string; active?: boolean }, key?: string) =>
    api.patch<District>(`/districts/${id}`, body, key),
  users: (signal?: AbortSignal) => api.get<User[]>("/users", signal),
  createUser: (body: NewUser, key: string) => api.post<User>("/users", body, key),
  /** Access here for staff of another municipality, by their username (decision 0104). */
  createMembership: (body: Omit<NewUser, "password">, key: string) =>
    api.post<User>("/users/memberships", body, key),
  updateUser: (
    id: string,
    body: { active?: boolean; phone?: string | null; ambassadorDistrictId?: string | null },
    key?: string,
  ) => api.patch<User>(`/users/${id}`, body, key),
  resetPassword: (id: string, temporaryPassword: string, key: string) =>
    api.post<User>(`/users/${id}/reset-password`, { temporaryPassword }, key),
  unlockUser: (id: string) => api.post<User>(`/users/${id}/unlock`),
};
