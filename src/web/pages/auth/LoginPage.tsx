/**
 * Login: username and password. Whatever went wrong, the page shows the API's one message
 * (wrong username or password / locked for a quarter of an hour), never which field was wrong.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { returnPathAfterLogin } from "../../../domain/return-path";
import { ApiError } from "../../api/client";
import { authApi, keys } from "../../api/endpoints";
import { PASSWORD_PATH, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import type { FieldErrors } from "../../forms/validation";
import { OidcLoginButtons, OidcLoginError, useOidcProviders } from "./OidcLoginButtons";

/** Only a path inside the app, never another site: the same rule as the server's OIDC `returnTo`. */
export const safeNext = returnPathAfterLogin;

/** A temporary password is changed first; the page then continues to where the user was going. */
export function passwordPathWith(next: string): string {
  return next === "/" ? PASSWORD_PATH : `${PASSWORD_PATH}?next=${encodeURIComponent(next)}`;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const { data: me, isPending } = useMe();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  // The municipalities' own logins (issue 15): buttons above the form, and a refusal's `?fejl=`.
  const providers = useOidcProviders();
  const oidcItems = providers.data?.items ?? [];

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (user) => {
      queryClient.setQueryData(keys.me, user);
      navigate(user.mustChangePassword ? passwordPathWith(next) : next, { replace: true });
    },
  });

  if (isPending) return <Spinner />;
  if (me && !login.isPending)
    return <Navigate to={me.mustChangePassword ? passwordPathWith(next) : next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!username.trim()) found.username = t("login.usernameRequired");
    if (!password) found.password = t("login.passwordRequired");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.username ? "username" : "password")?.focus();
      return;
    }
    login.mutate({ username: username.trim(), password });
  };

  const failure =
    login.error instanceof ApiError ? login.error.message : login.error ? t("common.unexpectedError") : null;

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title={t("login.title")}>{t("login.heading")}</PageHeading>
        <p className="font-lead">{t("login.lead")}</p>
        <OidcLoginError code={params.get("fejl")} />
        <OidcLoginButtons next={next} items={oidcItems} />
        {oidcItems.length > 0 ? <h2 className="h3">{t("identity:login.orPassword")}</h2> : null}
        {failure ? (
          <Alert variant="error" heading={t("login.failedHeading")}>
            <p>{failure}</p>
          </Alert>
        ) : null}
        <form onSubmit={submit} noValidate>
          <TextField
            id="username"
            label={t("login.username")}
            value={username}
            onChange={setUsername}
            error={errors.username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextField
            id="password"
            type="password"
            label={t("login.password")}
            value={password}
            onChange={setPassword}
            error={errors.password}
            autoComplete="current-password"
          />
          <Button type="submit" pending={login.isPending} className="mt-5">
            {t("login.submit")}
          </Button>
        </form>
        <p className="mt-7">
          <Link to="/henvisning">{t("detection:public.linkFromLogin")}</Link>
        </p>
      </div>
    </div>
  );
}
