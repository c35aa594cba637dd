/**
 * Add an activity (/katalog/aktiviteter/ny, optionally ?forening=<id>) or change one
 * (/katalog/aktiviteter/:id/rediger). Validated with the API's own schemas before sending;
 * one Idempotency-Key per submission; a change sends the version it started from.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ACCESSIBILITY_FEATURES } from "../../../../domain/course/vocabulary";
import { GROUP_SIZES } from "../../../../domain/matching/types";
import { CreateActivityBody, UpdateActivityBody } from "../../../../shared/api/catalog";
import { useCan } from "../../../app/session";
import { CheckboxList, RadioGroup, choiceId, toggle } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Checkbox, TextAreaField, TextField } from "../../../components/Field";
import { FormActions, FormSection } from "../../../components/FormLayout";
import { Spinner } from "../../../components/Spinner";
import { type FieldSpec, summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { type Activity, catalogApi, catalogKeys } from "../api";
import { EntryFormFrame } from "../ui";
import { useTaxonomy, useWords } from "../words";
import { type ActivityValues, activityInput, emptyActivity, valuesOf } from "./activity-form";
import { ContactFields, CostFields, OrganisationChooser, TaxonomyFields } from "./ActivityFields";
import { PlaceFields, ScheduleFields, placeScheduleSpecs } from "./PlaceScheduleFields";

export default function ActivityFormPage() {
  const { t } = useWords();
  const { id } = useParams();
  const can = useCan();
  const existing = useQuery({
    queryKey: catalogKeys.activity(id ?? ""),
    queryFn: ({ signal }) => catalogApi.activity(id!, signal),
    enabled: !!id,
  });
  const back: [string, string] = id
    ? [`/katalog/aktiviteter/${id}`, existing.data?.title ?? t("activity.titlePlain")]
    : ["/katalog", t("search.title")];
  return (
    <EntryFormFrame
      editing={!!id}
      query={existing}
      mayEdit={(a) => can({ kind: "catalog.edit", managedByOrganisationId: a.managedByOrganisationId })}
      back={back}
      title={id ? t("form.editActivityTitle") : t("form.newActivityTitle")}
    >
      {(activity) => <ActivityForm key={activity?.version ?? "new"} activity={activity} />}
    </EntryFormFrame>
  );
}

function ActivityForm({ activity }: { activity: Activity | null }) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const { taxonomy, isPending: taxonomyPending } = useTaxonomy();
  const form = useForm<ActivityValues>(() =>
    activity ? valuesOf(activity) : emptyActivity(params.get("forening") ?? ""),
  );
  const { values, setValues, set, errors } = form;
  const parts = { values, setValues, set, errors };

  const save = useSubmit(
    form,
    (body: CreateActivityBody | UpdateActivityBody, key) =>
      activity
        ? catalogApi.updateActivity(activity.id, body as UpdateActivityBody, key)
        : catalogApi.createActivity(body as CreateActivityBody, key),
    (saved) => {
      void client.invalidateQueries({ queryKey: ["catalog"] });
      navigate(`/katalog/aktiviteter/${saved.id}`, { state: { saved: activity ? "updated" : "created" } });
    },
  );

  const fields: FieldSpec[] = [
    { name: "organisationId", inputId: "act-organisation", label: t("form.organisation") },
    { name: "title", inputId: "act-title", label: t("form.title") },
    { name: "description", inputId: "act-description", label: t("form.description") },
    ...placeScheduleSpecs(w, values),
    {
      name: "accessibility",
      inputId: choiceId("act-access", ACCESSIBILITY_FEATURES[0]),
      label: t("form.accessibility"),
    },
    { name: "cost.amountDkk", inputId: "act-amount", label: t("form.amountDkk") },
    { name: "groupSize", inputId: choiceId("act-group", GROUP_SIZES[0]), label: t("form.groupSize") },
    { name: "contact.name", inputId: "act-contact-name", label: t("form.contactName") },
    { name: "contact.phone", inputId: "act-contact-phone", label: t("form.contactPhone") },
    { name: "contact.email", inputId: "act-contact-email", label: t("form.contactEmail") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const input = activityInput(values);
    const result = activity
      ? validate(
          UpdateActivityBody,
          { ...input, version: activity.version, ...(values.reactivate ? { active: true } : {}) },
          tc,
        )
      : validate(CreateActivityBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.organisationId) found.organisationId = t("form.errors.organisation");
    if (!values.groupSize) found.groupSize = t("form.errors.groupSize");
    if (values.placeKind === "remote" && values.channels.length === 0)
      found["place.channels"] = t("form.errors.channels");
    if (values.scheduleKind === "weekly" && values.weekdays.length === 0)
      found["schedule.weekdays"] = t("form.errors.weekdays");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    save.mutate(result.data);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={activity ? t("form.editActivityTitle") : t("form.newActivityTitle")}
    >
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <OrganisationChooser
        value={values.organisationId}
        onChange={set("organisationId")}
        error={errors.organisationId}
        current={activity?.organisation}
      />
      <TextField
        id="act-title"
        label={t("form.title")}
        value={values.title}
        onChange={set("title")}
        error={errors.title}
        maxLength={200}
      />
      <TextAreaField
        id="act-description"
        label={t("form.description")}
        optional
        rows={4}
        value={values.description}
        onChange={set("description")}
        error={errors.description}
      />
      {taxonomyPending ? (
        <Spinner />
      ) : taxonomy ? (
        <TaxonomyFields taxonomy={taxonomy} values={values} setValues={setValues} />
      ) : null}
      <PlaceFields {...parts} />
      <ScheduleFields {...parts} />
      <FormSection heading={t("form.fitHeading")}>
        <CheckboxList
          id="act-access"
          legend={t("form.accessibility")}
          hint={t("form.accessibilityHint")}
          choices={ACCESSIBILITY_FEATURES.map((f) => ({ value: f, label: w.code("accessibility", f) }))}
          checked={(f) => values.accessibility.includes(f)}
          onChange={(f, on) => setValues((v) => ({ ...v, accessibility: toggle(v.accessibility, f, on) }))}
        />
        <RadioGroup
          id="act-group"
          legend={t("form.groupSize")}
          value={values.groupSize}
          onChange={set("groupSize")}
          error={errors.groupSize}
          choices={GROUP_SIZES.map((g) => ({
            value: g,
            label: w.code("groupSize", g),
            hint: w.code("groupSizeHint", g),
          }))}
        />
      </FormSection>
      <CostFields {...parts} />
      <ContactFields {...parts} />
      {activity && !activity.active ? (
        <Checkbox
          id="act-reactivate"
          label={t("form.reactivate")}
          checked={values.reactivate}
          onChange={set("reactivate")}
        />
      ) : null}
      <FormActions
        label={activity ? t("form.saveChanges") : t("form.createActivity")}
        pending={save.isPending}
        onCancel={() => navigate(-1)}
      />
    </form>
  );
}
