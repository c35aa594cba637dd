/** The platform administration's API calls (issue 15 point 3): its own session, never a staff one. */
import type {
  CreateMunicipalityBody,
  CreatedMunicipality,
  MunicipalityList,
  PlatformLoginBody,
  PlatformMe,
} from "../../../shared/api/platform-admin";
import { api } from "../../api/client";

export const platformKeys = {
  me: ["platform", "me"] as const,
  municipalities: ["platform", "municipalities"] as const,
};

export const platformApi = {
  me: (signal?: AbortSignal) => api.get<PlatformMe>("/platform/me", signal),
  login: (body: PlatformLoginBody) => api.post<PlatformMe>("/platform/login", body),
  logout: () => api.post<undefined>("/platform/logout"),
  municipalities: (signal?: AbortSignal) => api.get<MunicipalityList>("/platform/municipalities", signal),
  createMunicipality: (body: CreateMunicipalityBody) =>
    api.post<CreatedMunicipality>("/platform/municipalities", body),
};
