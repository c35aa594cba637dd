/**
 * Logging out: the session ends on the server, the client forgets it and every unsaved draft,
 * and the phone forgets the user's kept day and queue (issue 17) — after a warning when writes
 * are still waiting for a connection, since they would be lost. Used by the layout's button and
 * by the idle watcher; its own file so those two need not import each other.
 */
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { authApi } from "../api/endpoints";
import { clearAllDrafts } from "../forms/drafts";
import { useOutbox } from "../offline/hooks";
import { forgetUser } from "../offline/store";
import { useForgetSession, useMe } from "./session";

export function useLogout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forget = useForgetSession();
  const { data: me } = useMe();
  const waiting = useOutbox(me?.userId)?.filter((e) => e.state === "waiting").length ?? 0;
  const mutation = useMutation({
    mutationFn: authApi.logout,
    onSettled: async (answer) => {
      forget();
      // The next person at a shared tablet finds no one's unsaved input, and no one's day.
      clearAllDrafts();
      if (me) await forgetUser(me.userId).catch(() => undefined);
      // Logged in through the municipality's identity provider: end that session too (RP-initiated
      // logout); the provider sends the browser back to /login.
      if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
      else navigate("/login", { replace: true });
    },
  });
  return {
    isPending: mutation.isPending,
    mutate: () => {
      if (waiting > 0 && !window.confirm(t("offline.logoutWarning", { count: waiting }))) return;
      mutation.mutate();
    },
  };
}
