/**
 * /platform/kommuner/ny — a new municipality with its administration and first administrator
 * (issue 15 point 3). The first administrator's password is temporary: it must be changed at
 * first login.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type CreatedMunicipality, CreateMunicipalityBody } from "../../../shared/api/platform-admin";
import { Alert } from "../../components/Alert";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { FormActions, FormSection } from "../../components/FormLayout";
import { PageHeading } from "../../components/Page";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { platformApi, platformKeys } from "./api";
import { RequirePlatform } from "./session";

const EMPTY = { name: "", code: "", username: "", displayName: "", password: "" };

function CreateForm({ onCreated }: { onCreated: (m: CreatedMunicipality) => void }) {
  const { t } = useTranslation("platform");
  // Field messages and the API's are the app's own words (default namespace).
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const fields: FieldSpec[] = [
    { name: "name", inputId: "name", label: t("create.name") },
    { name: "code", inputId: "code", label: t("create.code") },
    { name: "admin.username", inputId: "admin-username", label: t("create.username") },
    { name: "admin.displayName", inputId: "admin-displayName", label: t("create.displayName") },
    { name: "admin.password", inputId: "admin-password", label: t("create.password") },
  ];
  const create = useMutation({
    mutationFn: platformApi.createMunicipality,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: platformKeys.municipalities });
      onCreated(created);
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: values.name,
      code: values.code.trim(),
      admin: { username: values.username, displayName: values.displayName, password: values.password },
    };
    const checked = validate(CreateMunicipalityBody, body, tc);
    if (!checked.ok) return form.fail(checked.errors);
    form.clear();
    create.mutate(checked.data);
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <FormSection heading={t("create.municipality")}>
        <TextField
          id="name"
          label={t("create.name")}
          value={values.name}
          onChange={set("name")}
          error={errors.name}
        />
        <TextField
          id="code"
          label={t("create.code")}
          hint={t("create.codeHint")}
          value={values.code}
          onChange={set("code")}
          error={errors.code}
          inputMode="numeric"
          width="input-width-xs"
        />
      </FormSection>
      <FormSection heading={t("create.admin")}>
        <TextField
          id="admin-username"
          label={t("create.username")}
          hint={t("create.usernameHint")}
          value={values.username}
          onChange={set("username")}
          error={errors["admin.username"]}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          id="admin-displayName"
          label={t("create.displayName")}
          value={values.displayName}
          onChange={set("displayName")}
          error={errors["admin.displayName"]}
          autoComplete="off"
        />
        <TextField
          id="admin-password"
          type="password"
          label={t("create.password")}
          hint={t("create.passwordHint")}
          value={values.password}
          onChange={set("password")}
          error={errors["admin.password"]}
          autoComplete="new-password"
        />
      </FormSection>
      <FormActions
        label={t("create.submit")}
        icon="add"
        pending={create.isPending}
        onCancel={() => void navigate("/platform")}
      />
    </form>
  );
}

export default function CreateMunicipalityPage() {
  const { t } = useTranslation("platform");
  const [created, setCreated] = useState<CreatedMunicipality | null>(null);
  return (
    <RequirePlatform>
      <PageHeading title={t("create.title")}>{t("create.title")}</PageHeading>
      {created ? (
        <>
          <Alert variant="success" heading={t("create.createdHeading", { name: created.name })}>
            <p>{t("create.created", { username: created.admin.username })}</p>
          </Alert>
          <p>
            <Link to="/platform">{t("create.cancel")}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="font-lead">{t("create.lead")}</p>
          <CreateForm onCreated={setCreated} />
        </>
      )}
    </RequirePlatform>
  );
}
