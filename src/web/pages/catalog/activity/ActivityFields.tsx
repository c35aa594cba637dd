/**
 * The activity form's other parts: the organisation it belongs to (only those the user may
 * edit), themes and interests from the municipality's taxonomy, cost and the contact person.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { InterestTaxonomy } from "../../../../shared/api/course-definitions";
import { COST_PERIODS } from "../../../../domain/matching/types";
import { useCan } from "../../../app/session";
import { CheckboxList, RadioGroup, toggle } from "../../../components/Choices";
import { SelectField, TextField } from "../../../components/Field";
import { FormSection } from "../../../components/FormLayout";
import { catalogApi, catalogKeys } from "../api";
import { useWords } from "../words";
import type { ActivityValues } from "./activity-form";
import type { ActivityFieldProps } from "./PlaceScheduleFields";

/** Search the catalog's organisations by name, then choose one the user may add activities to. */
export function OrganisationChooser({
  value,
  onChange,
  error,
  current,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  current?: { id: string; name: string } | undefined;
}) {
  const { t } = useWords();
  const can = useCan();
  const [q, setQ] = useState("");
  const list = useQuery({
    queryKey: catalogKeys.organisations({ q, pageSize: 100 }),
    queryFn: ({ signal }) => catalogApi.organisations({ q: q.trim() || undefined, pageSize: 100 }, signal),
    staleTime: 60_000,
  });
  const mine = (list.data?.items ?? []).filter(
    (o) => o.active && can({ kind: "catalog.edit", managedByOrganisationId: o.managedBy?.id ?? null }),
  );
  const options = mine.map((o) => ({ value: o.id, label: o.name }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <div className="filter-bar">
      <TextField
        id="act-org-search"
        type="search"
        label={t("form.organisationSearch")}
        optional
        value={q}
        onChange={setQ}
        width="input-width-m"
      />
      <SelectField
        id="act-organisation"
        label={t("form.organisation")}
        value={value}
        onChange={onChange}
        emptyOption={list.isFetching ? t("common.loading") : t("common.choose")}
        options={options}
        error={error}
      />
    </div>
  );
}

export function TaxonomyFields({
  taxonomy,
  values,
  setValues,
}: Pick<ActivityFieldProps, "values" | "setValues"> & { taxonomy: InterestTaxonomy }) {
  const w = useWords();
  const { t } = w;
  return (
    <FormSection heading={t("form.taxonomyHeading")} className="interest-grid">
      <CheckboxList
        id="act-themes"
        legend={t("form.themes")}
        choices={taxonomy.themes.map((th) => ({ value: th.id, label: w.theme(th.id) }))}
        checked={(id) => values.themes.includes(id)}
        onChange={(id, on) => setValues((v) => ({ ...v, themes: toggle(v.themes, id, on) }))}
      />
      <p className="form-label mt-6 mb-0">{t("form.interests")}</p>
      <span className="form-hint">{t("form.interestsHint")}</span>
      {taxonomy.themes.map((th) => {
        const interests = taxonomy.interests.filter((i) => i.theme === th.id);
        return interests.length === 0 ? null : (
          <CheckboxList
            key={th.id}
            id={`act-interest-${th.id}`}
            legend={w.theme(th.id)}
            choices={interests.map((i) => ({ value: i.id, label: w.interest(i.id) }))}
            checked={(id) => values.interests.includes(id)}
            onChange={(id, on) => setValues((v) => ({ ...v, interests: toggle(v.interests, id, on) }))}
          />
        );
      })}
    </FormSection>
  );
}

export function CostFields({ values, set, errors }: ActivityFieldProps) {
  const w = useWords();
  const { t } = w;
  return (
    <FormSection heading={t("form.costHeading")}>
      <RadioGroup
        id="act-cost"
        legend={t("form.costKind")}
        value={values.costKind}
        onChange={(k) => set("costKind")(k as ActivityValues["costKind"])}
        choices={[
          { value: "free", label: t("cost.free") },
          { value: "paid", label: t("form.paid") },
        ]}
      />
      {values.costKind === "paid" ? (
        <div className="field-row">
          <TextField
            id="act-amount"
            label={t("form.amountDkk")}
            inputMode="numeric"
            width="input-width-xs"
            value={values.amountDkk}
            onChange={set("amountDkk")}
            error={errors["cost.amountDkk"]}
          />
          <SelectField
            id="act-per"
            label={t("form.costPer")}
            value={values.costPer}
            onChange={set("costPer")}
            options={COST_PERIODS.map((p) => ({ value: p, label: w.code("costPer", p) }))}
            error={errors["cost.per"]}
          />
        </div>
      ) : null}
    </FormSection>
  );
}

export function ContactFields({ values, set, errors }: ActivityFieldProps) {
  const { t } = useWords();
  return (
    <FormSection heading={t("form.contactHeading")} hint={t("form.contactHint")}>
      <TextField
        id="act-contact-name"
        label={t("form.contactName")}
        optional
        autoComplete="off"
        value={values.contactName}
        onChange={set("contactName")}
        error={errors["contact.name"]}
      />
      <TextField
        id="act-contact-phone"
        type="tel"
        label={t("form.contactPhone")}
        optional
        width="input-width-m"
        value={values.contactPhone}
        onChange={set("contactPhone")}
        error={errors["contact.phone"]}
      />
      <TextField
        id="act-contact-email"
        type="email"
        label={t("form.contactEmail")}
        optional
        value={values.contactEmail}
        onChange={set("contactEmail")}
        error={errors["contact.email"]}
      />
    </FormSection>
  );
}
