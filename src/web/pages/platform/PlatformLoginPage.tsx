/**
 * /platform/log-ind — a platform administrator's login (issue 15 point 3). Its own session and
 * cookie: logging in here gives no access to any municipality's pages, and a staff login gives
 * none here.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { ApiError } from "../../api/client";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import type { FieldErrors } from "../../forms/validation";
import { platformApi, platformKeys } from "./api";
import { usePlatformMe } from "./session";

export default function PlatformLoginPage() {
  const { t } = useTranslation("platform");
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = usePlatformMe();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  const login = useMutation({
    mutationFn: platformApi.login,
    onSuccess: (answer) => {
      queryClient.setQueryData(platformKeys.me, answer);
      void navigate("/platform", { replace: true });
    },
  });

  if (me.isPending) return <Spinner />;
  if (me.data?.admin && !login.isPending) return <Navigate to="/platform" replace />;

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
    login.error instanceof ApiError ? login.error.message : login.error ? tc("common.unexpectedError") : null;

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title={t("login.title")}>{t("login.title")}</PageHeading>
        <p className="font-lead">{t("login.lead")}</p>
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
          <Link to="/login">{t("login.staffLogin")}</Link>
        </p>
      </div>
    </div>
  );
}
