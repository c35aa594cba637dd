/**
 * An administrator changes a user's work phone (shown to the coordinators on the user's referrals)
 * and marks or unmarks a home-care worker as loneliness ambassador for a district.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { UpdateUserBody, type User } from "../../../shared/api/admin";
import { adminApi, keys } from "../../api/endpoints";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { useFocusWhenOpened } from "../../components/focus";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

export function EditUserForm({ user, onDone }: { user: User; onDone: (saved: User | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ phone: user.phone ?? "", ambassadorDistrictId: user.ambassadorDistrict?.id ?? "" });
  const { values, set, errors } = form;
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
  });
  const canBeAmbassador = user.role === "home_care_worker";
  const prefix = `edit-${user.id}`;
  useFocusWhenOpened(`${prefix}-phone`);

  const save = useMutation({
    mutationFn: (body: UpdateUserBody) => adminApi.updateUser(user.id, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      onDone(saved);
    },
    onError: (err) => form.failFromServer(err, t),
  });

  const fields: FieldSpec[] = [
    { name: "phone", inputId: `${prefix}-phone`, label: t("user.phone") },
    { name: "ambassadorDistrictId", inputId: `${prefix}-ambassador`, label: t("user.ambassador") },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      phone: values.phone.trim() || null,
      ...(canBeAmbassador ? { ambassadorDistrictId: values.ambassadorDistrictId || null } : {}),
    };
    const result = validate(UpdateUserBody, input, t);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    save.mutate(result.data);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="inline-edit"
      aria-label={t("user.editHeading", { name: user.displayName })}
    >
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id={`${prefix}-phone`}
        type="tel"
        label={t("user.phone")}
        value={values.phone}
        onChange={set("phone")}
        error={errors.phone}
        autoComplete="off"
        optional
      />
      {canBeAmbassador ? (
        <SelectField
          id={`${prefix}-ambassador`}
          label={t("user.ambassador")}
          hint={t("user.ambassadorHint")}
          value={values.ambassadorDistrictId}
          onChange={set("ambassadorDistrictId")}
          options={(districts.data ?? [])
            .filter((d) => d.active || d.id === user.ambassadorDistrict?.id)
            .map((d) => ({ value: d.id, label: d.name }))}
          emptyOption={t("user.noAmbassador")}
          error={errors.ambassadorDistrictId}
          optional
        />
      ) : null}
      <div className="button-group">
        <Button type="submit" pending={save.isPending}>
          {t("common.save")}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
