/**
 * Create a user with a role, organisation, district, phone, ambassadorship and a temporary password
 * (validated with CreateUserBody) — or, with `membership`, give a member of staff of another
 * municipality access here by their existing username, without a password (CreateMembershipBody,
 * decision 0104).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateMembershipBody, CreateUserBody, type User } from "../../../shared/api/admin";
import { LIMITS } from "../../../domain/limits";
import { STAFF_ROLES } from "../../../domain/vocabulary/organisation";
import { adminApi, keys } from "../../api/endpoints";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

const EMPTY = {
  username: "",
  displayName: "",
  role: "",
  organisationId: "",
  districtId: "",
  phone: "",
  ambassadorDistrictId: "",
  password: "",
};

/** A readable temporary password: 12 characters without look-alikes (0/O, 1/l). */
export function suggestPassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from(crypto.getRandomValues(new Uint32Array(12)), (n) => alphabet[n % alphabet.length]).join(
    "",
  );
}

export function CreateUserForm({
  onCreated,
  onCancel,
  membership = false,
}: {
  /** `password` is the temporary one; none for a membership. */
  onCreated: (user: User, password?: string) => void;
  onCancel: () => void;
  membership?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
  });
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
  });

  const create = useMutation({
    mutationFn: ({ body, key }: { body: CreateUserBody | CreateMembershipBody; key: string }) =>
      "password" in body
        ? adminApi.createUser({ ...body, districtId: body.districtId ?? null }, key)
        : adminApi.createMembership({ ...body, districtId: body.districtId ?? null }, key),
    onSuccess: async (user, { body }) => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: keys.users });
      onCreated(user, "password" in body ? body.password : undefined);
    },
    onError: (err) => form.failFromServer(err, t),
  });

  const fields: FieldSpec[] = [
    { name: "displayName", inputId: "user-displayName", label: t("user.displayName") },
    {
      name: "username",
      inputId: "user-username",
      label: membership ? t("user.membershipUsername") : t("user.username"),
    },
    { name: "role", inputId: "user-role", label: t("user.role") },
    { name: "organisationId", inputId: "user-organisationId", label: t("user.organisation") },
    { name: "districtId", inputId: "user-districtId", label: t("user.district") },
    { name: "phone", inputId: "user-phone", label: t("user.phone") },
    { name: "ambassadorDistrictId", inputId: "user-ambassadorDistrictId", label: t("user.ambassador") },
    ...(membership
      ? []
      : [{ name: "password", inputId: "user-password", label: t("user.temporaryPassword") }]),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      username: values.username,
      displayName: values.displayName,
      role: values.role || undefined,
      organisationId: values.organisationId || undefined,
      districtId: values.districtId || null,
      phone: values.phone.trim() || null,
      // Only a home-care worker can be an ambassador; the choice is hidden (and dropped) for other roles.
      ambassadorDistrictId: values.role === "home_care_worker" ? values.ambassadorDistrictId || null : null,
    };
    const result = membership
      ? validate(CreateMembershipBody, input, t)
      : validate(CreateUserBody, { ...input, password: values.password }, t);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    create.mutate({ body: result.data, key: idempotency.keyFor(result.data) });
  };

  return (
    <form onSubmit={submit} noValidate className="admin-create" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading" className="h3">
        {membership ? t("user.membershipHeading") : t("user.createHeading")}
      </h2>
      {membership ? <p>{t("user.membershipIntro")}</p> : null}
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id="user-displayName"
        label={t("user.displayName")}
        value={values.displayName}
        onChange={set("displayName")}
        error={errors.displayName}
        autoComplete="off"
      />
      <TextField
        id="user-username"
        label={membership ? t("user.membershipUsername") : t("user.username")}
        hint={membership ? t("user.membershipUsernameHint") : t("user.usernameHint")}
        value={values.username}
        onChange={set("username")}
        error={errors.username}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        width="input-width-l"
      />
      <SelectField
        id="user-role"
        label={t("user.role")}
        value={values.role}
        onChange={set("role")}
        options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        emptyOption={t("common.choose")}
        error={errors.role}
      />
      <SelectField
        id="user-organisationId"
        label={t("user.organisation")}
        value={values.organisationId}
        onChange={set("organisationId")}
        options={(organisations.data ?? [])
          .filter((o) => o.active)
          .map((o) => ({ value: o.id, label: o.name }))}
        emptyOption={t("common.choose")}
        error={errors.organisationId}
      />
      <SelectField
        id="user-districtId"
        label={t("user.district")}
        hint={t("user.districtHint")}
        value={values.districtId}
        onChange={set("districtId")}
        options={(districts.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
        emptyOption={t("user.noDistrict")}
        error={errors.districtId}
        optional
      />
      <TextField
        id="user-phone"
        type="tel"
        label={t("user.phone")}
        hint={t("user.phoneHint")}
        value={values.phone}
        onChange={set("phone")}
        error={errors.phone}
        autoComplete="off"
        width="input-width-m"
        optional
      />
      {values.role === "home_care_worker" ? (
        <SelectField
          id="user-ambassadorDistrictId"
          label={t("user.ambassador")}
          hint={t("user.ambassadorHint")}
          value={values.ambassadorDistrictId}
          onChange={set("ambassadorDistrictId")}
          options={(districts.data ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: d.id, label: d.name }))}
          emptyOption={t("user.noAmbassador")}
          error={errors.ambassadorDistrictId}
          optional
        />
      ) : null}
      {membership ? null : (
        <>
          <TextField
            id="user-password"
            label={t("user.temporaryPassword")}
            hint={t("user.temporaryPasswordHint", { min: LIMITS.passwordMin })}
            value={values.password}
            onChange={set("password")}
            error={errors.password}
            autoComplete="new-password"
            spellCheck={false}
            width="input-width-l"
          />
          <p>
            <Button variant="function-link" icon="refresh" onClick={() => set("password")(suggestPassword())}>
              {t("user.suggestPassword")}
            </Button>
          </p>
        </>
      )}
      <div className="button-group mt-5">
        <Button type="submit" pending={create.isPending} icon="person-add">
          {membership ? t("user.membershipCreate") : t("user.create")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
