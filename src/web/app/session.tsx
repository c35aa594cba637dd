/**
 * The logged-in user (GET /auth/me) as a query, the actor the shared policy understands, and
 * the guards that send a visitor to the login page or to "Skift adgangskode".
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useCallback } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import type { Action, Actor, CitizenResource } from "../../domain/access-policy";
import { can } from "../../domain/access-policy";
import type { Me } from "../../shared/api/auth";
import { ApiError } from "../api/client";
import { authApi, keys } from "../api/endpoints";
import { LoadError } from "../components/LoadError";
import { Spinner } from "../components/Spinner";
import { keptUser } from "../offline/kept-user";
import { ForbiddenPage } from "../pages/ForbiddenPage";

export const PASSWORD_PATH = "/skift-adgangskode";

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await authApi.me(signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        // No signal: the worker who has not logged out since the phone kept the day works on (issue 17).
        if (err instanceof ApiError && err.status === 0) {
          const kept = await keptUser();
          if (kept) return kept;
        }
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function actorOf(me: Me): Actor {
  return {
    userId: me.userId,
    municipalityId: me.municipality.id,
    organisationId: me.organisation.id,
    organisationKind: me.organisation.kind,
    districtId: me.district?.id ?? null,
    role: me.role,
    ambassadorDistrictId: me.ambassadorDistrict?.id ?? null,
  };
}

export function citizenResource(me: Me, citizen: { provider: { id: string } | null }): CitizenResource {
  return { municipalityId: me.municipality.id, providerOrganisationId: citizen.provider?.id ?? null };
}

/** Whether the shared policy allows an action: used only to hide what the API would refuse. */
export function useCan() {
  const { data: me } = useMe();
  return useCallback((action: Action) => (me ? can(actorOf(me), action).allowed : false), [me]);
}

/** Requires a session; a temporary password must be changed before anything else. */
export function RequireAuth() {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <Spinner />;
  if (isError) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== PASSWORD_PATH)
    return <Navigate to={PASSWORD_PATH} replace />;
  return <Outlet />;
}

/** Shows a plain "no access" page instead of a page whose API calls would all be refused. */
export function RequireCan({ action, children }: { action: Action; children: ReactNode }) {
  const allowed = useCan()(action);
  return allowed ? children : <ForbiddenPage />;
}

/** After logout or a lost session: forget everything cached about the previous user. */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, null);
  }, [queryClient]);
}
