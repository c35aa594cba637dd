/** The citizen's master-data fields, shared by the create and edit forms. */
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { adminApi, keys } from "../../api/endpoints";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import type { FieldSpec } from "../../forms/useForm";
import type { FieldErrors } from "../../forms/validation";

export interface CitizenValues {
  cpr: string;
  firstName: string;
  lastName: string;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string;
  providerId: string;
  districtId: string;
  homeCareSince: string;
  inTargetGroup: boolean;
}

export const EMPTY_CITIZEN: CitizenValues = {
  cpr: "",
  firstName: "",
  lastName: "",
  addressLine: "",
  postalCode: "",
  city: "",
  phone: "",
  providerId: "",
  districtId: "",
  homeCareSince: "",
  inTargetGroup: true,
};

export function valuesOf(c: CitizenDetail): CitizenValues {
  return {
    cpr: "",
    firstName: c.firstName,
    lastName: c.lastName,
    addressLine: c.addressLine,
    postalCode: c.postalCode,
    city: c.city,
    phone: c.phone ?? "",
    providerId: c.provider?.id ?? "",
    districtId: c.district?.id ?? "",
    homeCareSince: c.homeCareSince ?? "",
    inTargetGroup: c.inTargetGroup,
  };
}

/** Form strings → API body: empty optional fields are null, not "". */
export function bodyOf(v: CitizenValues) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    addressLine: v.addressLine,
    postalCode: v.postalCode,
    city: v.city,
    phone: v.phone.trim() || null,
    providerId: v.providerId || null,
    districtId: v.districtId || null,
    homeCareSince: v.homeCareSince || null,
    inTargetGroup: v.inTargetGroup,
  };
}

export function citizenFieldSpecs(t: TFunction, withCpr: boolean): FieldSpec[] {
  const names = [
    "cpr",
    "firstName",
    "lastName",
    "addressLine",
    "postalCode",
    "city",
    "phone",
    "providerId",
    "districtId",
    "homeCareSince",
  ];
  return names
    .filter((n) => withCpr || n !== "cpr")
    .map((name) => ({ name, inputId: `citizen-${name}`, label: t(`citizenForm.${name}`) }));
}

export function CitizenFields({
  values,
  set,
  errors,
  withCpr,
}: {
  values: CitizenValues;
  set: <K extends keyof CitizenValues>(key: K) => (value: CitizenValues[K]) => void;
  errors: FieldErrors;
  withCpr: boolean;
}) {
  const { t } = useTranslation();
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
    staleTime: 300_000,
  });
  const providers = (organisations.data ?? []).filter(
    (o) =>
      (o.kind === "public_provider" || o.kind === "private_provider") &&
      (o.active || o.id === values.providerId),
  );
  const districtList = (districts.data ?? []).filter((d) => d.active || d.id === values.districtId);
  const text = (
    name: Exclude<keyof CitizenValues, "inTargetGroup">,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => (
    <TextField
      id={`citizen-${name}`}
      label={t(`citizenForm.${name}`)}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
      {...extra}
    />
  );

  return (
    <>
      {withCpr
        ? text("cpr", {
            hint: t("citizenForm.cprHint"),
            inputMode: "numeric",
            autoComplete: "off",
            width: "input-width-s",
            maxLength: 11,
          })
        : null}
      <fieldset>
        <legend className="h3">{t("citizenForm.nameLegend")}</legend>
        {text("firstName", { autoComplete: "off" })}
        {text("lastName", { autoComplete: "off" })}
      </fieldset>
      <fieldset>
        <legend className="h3">{t("citizenForm.addressLegend")}</legend>
        {text("addressLine", { autoComplete: "off" })}
        <div className="postal-row">
          {text("postalCode", {
            inputMode: "numeric",
            width: "input-width-xs",
            maxLength: 4,
            autoComplete: "off",
            hint: t("citizenForm.postalCodeHint"),
          })}
          {text("city", { autoComplete: "off" })}
        </div>
        {text("phone", {
          type: "tel",
          optional: true,
          width: "input-width-m",
          hint: t("citizenForm.phoneHint"),
        })}
      </fieldset>
      <fieldset>
        <legend className="h3">{t("citizenForm.careLegend")}</legend>
        <SelectField
          id="citizen-providerId"
          label={t("citizenForm.providerId")}
          value={values.providerId}
          onChange={set("providerId")}
          options={providers.map((o) => ({ value: o.id, label: o.name }))}
          emptyOption={t("citizenForm.noProvider")}
          error={errors.providerId}
          optional
        />
        <SelectField
          id="citizen-districtId"
          label={t("citizenForm.districtId")}
          value={values.districtId}
          onChange={set("districtId")}
          options={districtList.map((d) => ({ value: d.id, label: d.name }))}
          emptyOption={t("citizenForm.noDistrict")}
          error={errors.districtId}
          optional
        />
        {text("homeCareSince", { type: "date", optional: true, width: "input-width-s" })}
        <Checkbox
          id="citizen-inTargetGroup"
          label={t("citizenForm.inTargetGroup")}
          hint={t("citizenForm.inTargetGroupHint")}
          checked={values.inTargetGroup}
          onChange={set("inTargetGroup")}
        />
      </fieldset>
    </>
  );
}
