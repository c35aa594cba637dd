/**
 * "Log ind med <kommune>" (issue 15 point 1, decision 0101): one button per municipality whose
 * identity provider is switched on. A button is a plain link — the browser goes to the provider
 * and back — and a refused login comes back as `?fejl=<code>`, shown here in plain Danish.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { OIDC_LOGIN_ERRORS } from "../../../domain/oidc-claims";
import type { OidcProviderList } from "../../../shared/api/identity";
import { api } from "../../api/client";
import { Alert } from "../../components/Alert";
import { buttonClass } from "../../components/Button";

export const oidcButtonsKey = ["oidc-providers"] as const;

export function useOidcProviders() {
  return useQuery({
    queryKey: oidcButtonsKey,
    queryFn: ({ signal }) => api.get<OidcProviderList>("/auth/oidc/providers", signal),
    staleTime: 60_000,
  });
}

/** The refusal the provider's round trip came back with (`?fejl=`), in words. */
export function OidcLoginError({ code }: { code: string | null }) {
  const { t } = useTranslation("identity");
  if (!code) return null;
  const known = (OIDC_LOGIN_ERRORS as readonly string[]).includes(code) ? code : "unknown";
  return (
    <Alert variant="error" heading={t("login.refusedHeading")}>
      <p>{t(`login.errors.${known}`)}</p>
    </Alert>
  );
}

export function OidcLoginButtons({ next, items }: { next: string; items: OidcProviderList["items"] }) {
  const { t } = useTranslation("identity");
  if (items.length === 0) return null;
  return (
    <ul className="nobullet-list mb-6">
      {items.map((p) => (
        <li key={p.municipalityCode} className="mb-3">
          <a
            className={buttonClass("primary")}
            href={`/api/auth/oidc/${p.municipalityCode}/start?returnTo=${encodeURIComponent(next)}`}
          >
            {t("login.with", { name: p.displayName })}
          </a>
        </li>
      ))}
    </ul>
  );
}
