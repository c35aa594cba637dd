/**
 * The platform administrator's session in the web app: who holds it (GET /api/platform/me answers
 * { admin: null } rather than 401), and a frame that sends anyone without one to /platform/log-ind.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { useMe } from "../../app/session";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { platformApi, platformKeys } from "./api";

export const PLATFORM_LOGIN_PATH = "/platform/log-ind";

export function usePlatformMe() {
  // Asked once the page frame's staff session check has settled: its 401 (no staff session, as
  // here) makes the API client drop every other query in flight, this one included.
  const staff = useMe();
  return useQuery({
    queryKey: platformKeys.me,
    queryFn: ({ signal }) => platformApi.me(signal),
    enabled: !staff.isPending,
    staleTime: 0,
    retry: false,
  });
}

/** The platform pages' frame: the administrator's name and logout above the page, or the login. */
export function RequirePlatform({ children }: { children: ReactNode }) {
  const { t } = useTranslation("platform");
  const me = usePlatformMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: platformApi.logout,
    onSettled: () => {
      queryClient.removeQueries({ queryKey: ["platform"] });
      void navigate(PLATFORM_LOGIN_PATH, { replace: true });
    },
  });
  if (me.isPending) return <Spinner />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.admin) return <Navigate to={PLATFORM_LOGIN_PATH} replace />;
  return (
    <>
      <div className="platform-bar d-flex flex-wrap align-items-center justify-content-between mb-5">
        <p className="m-0">{t("signedInAs", { name: me.data.admin.displayName })}</p>
        <button
          type="button"
          className="function-link"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          <Icon name="lock" />
          {t("logout")}
        </button>
      </div>
      {children}
    </>
  );
}
