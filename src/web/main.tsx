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
import i18n, { currentLanguage } from "./i18n";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refused request (4xx) will be refused again; only network and server trouble is retried.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
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
    // The session ended (expired, logged out elsewhere, user deactivated): back to login.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, null);
  },
});

// The API's messages follow the UI language: fetch what is shown again in the new language.
i18n.on(
  "languageChanged",
  () => void queryClient.invalidateQueries({ predicate: (q) => q.state.status === "error" }),
);

const router = createBrowserRouter(routes);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
