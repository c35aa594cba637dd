import "@dkfds/css/dkfds.min.css";
import "./styles/app.css";
import "./styles/kit.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider, createBrowserRouter } from "react-router";
import { ApiError, configureApi } from "./api/client";
import { keys } from "./api/endpoints";
import type { Me } from "../shared/api/auth";
import { routes } from "./app/routes";
import { noteReachable } from "./offline/connection";
import { signOutDay } from "./offline/store";
import i18n, { currentLanguage } from "./i18n";
import { registerServiceWorker } from "./offline/service-worker";

/** Broen did not answer: the network failed, or a proxy answered 502–504 without Broen's error shape. */
const isNoAnswer = (error: ApiError) => error.code === "network_error" || error.code === "bad_gateway";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A failed read shows its error at once, with its "Prøv igen" (issue 17 point 2: not after
      // 8–10 s of retries with growing pauses on a slow network): an answer from Broen, refused
      // (4xx) or failed (5xx), would be the same again; only no answer at all — the network, or a
      // proxy's 502–504 — is tried once more, after a short pause. A timeout has waited long enough.
      retry: (failures, error) => failures < 1 && error instanceof ApiError && isNoAnswer(error),
      retryDelay: 300,
      refetchOnWindowFocus: false,
    },
  },
});

configureApi({
  language: currentLanguage,
  municipality: () => queryClient.getQueryData<Me | null>(keys.me)?.municipality.id ?? null,
  // Another tab switched municipality: nothing cached here may meet the other one's answers, so
  // the app starts over from its front page (a full load: every cache in memory is gone).
  onMunicipalitySwitched: () => window.location.assign("/"),
  networkMessage: () => i18n.t("common.networkError"),
  onSessionProblem: (code) => {
    if (code === "password_change_required") {
      void queryClient.invalidateQueries({ queryKey: keys.me });
      return;
    }
    // The session ended (expired, logged out elsewhere, user deactivated): back to login, and the
    // phone's kept day no longer opens the app without a new login.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, null);
    void signOutDay().catch(() => undefined);
  },
  onReachability: noteReachable,
});

// The API's messages follow the UI language: fetch what is shown again in the new language.
i18n.on(
  "languageChanged",
  () => void queryClient.invalidateQueries({ predicate: (q) => q.state.status === "error" }),
);

const router = createBrowserRouter(routes);

// The offline app shell (decision 0107); production builds only.
registerServiceWorker();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
