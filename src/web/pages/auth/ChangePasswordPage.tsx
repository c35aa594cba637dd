/** "Skift adgangskode": forced after a temporary password, and reachable from the start page. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { returnPathAfterLogin } from "../../../domain/return-path";
import { ChangePasswordBody } from "../../../shared/api/auth";
import { LIMITS } from "../../../domain/limits";
import { ApiError } from "../../api/client";
import { authApi, keys } from "../../api/endpoints";
import { useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { PageHeading } from "../../components/Page";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // After a forced change the user continues to the deep link they logged in for (issue 17 point 3).
  const [params] = useSearchParams();
  const next = returnPathAfterLogin(params.get("next"));
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const form = useForm({ currentPassword: "", newPassword: "", repeatPassword: "" });
  const { values, set, errors } = form;

  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.me });
      navigate(next, { replace: true, state: { passwordChanged: true } });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === "invalid_credentials") {
        form.fail({ currentPassword: t("password.wrongCurrent") }, null);
      } else {
        form.failFromServer(err, t);
      }
    },
  });

  const fields: FieldSpec[] = [
    { name: "currentPassword", inputId: "currentPassword", label: t("password.current") },
    { name: "newPassword", inputId: "newPassword", label: t("password.new") },
    { name: "repeatPassword", inputId: "repeatPassword", label: t("password.repeat") },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(
      ChangePasswordBody,
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      t,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (!found.newPassword && values.newPassword !== values.repeatPassword)
      found.repeatPassword = t("password.mismatch");
    if (!found.newPassword && values.newPassword && values.newPassword === values.currentPassword)
      found.newPassword = t("password.sameAsCurrent");
    if (!result.ok || Object.keys(found).length > 0) {
      form.fail(found);
      return;
    }
    form.clear();
    change.mutate(result.data);
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title={t("password.title")}>{t("password.title")}</PageHeading>
        {me?.mustChangePassword ? (
          <Alert variant="info" heading={t("password.forcedHeading")} headingLevel={2}>
            <p>{t("password.forcedText")}</p>
          </Alert>
        ) : null}
        <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
        <form onSubmit={submit} noValidate>
          <TextField
            id="currentPassword"
            type="password"
            label={t("password.current")}
            value={values.currentPassword}
            onChange={set("currentPassword")}
            error={errors.currentPassword}
            autoComplete="current-password"
          />
          <TextField
            id="newPassword"
            type="password"
            label={t("password.new")}
            hint={t("password.newHint", { min: LIMITS.passwordMin })}
            value={values.newPassword}
            onChange={set("newPassword")}
            error={errors.newPassword}
            autoComplete="new-password"
          />
          <TextField
            id="repeatPassword"
            type="password"
            label={t("password.repeat")}
            value={values.repeatPassword}
            onChange={set("repeatPassword")}
            error={errors.repeatPassword}
            autoComplete="new-password"
          />
          <Button type="submit" pending={change.isPending} className="mt-5">
            {t("password.submit")}
          </Button>
        </form>
      </div>
    </div>
  );
}
