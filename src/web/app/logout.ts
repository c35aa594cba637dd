/**
 * Logging out: the session ends on the server, the client forgets it and every unsaved draft.
 * Used by the layout's button and by the idle watcher; its own file so those two need not
 * import each other.
 */
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { authApi } from "../api/endpoints";
import { clearAllDrafts } from "../forms/drafts";
import { useForgetSession } from "./session";

export function useLogout() {
  const navigate = useNavigate();
  const forget = useForgetSession();
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: (answer) => {
      forget();
      // The next person at a shared tablet finds no one's unsaved input.
      clearAllDrafts();
      // Logged in through the municipality's identity provider: end that session too (RP-initiated
      // logout); the provider sends the browser back to /login.
      if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
      else navigate("/login", { replace: true });
    },
  });
}
