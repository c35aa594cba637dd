/**
 * What matching needs beyond the conversation: how isolated the citizen is (guidepost 4 —
 * the most isolated do best one-to-one or in a small group), preferred times of day, the
 * citizen's own wish for a group size and the longest way they will go. Saving it runs the
 * matching at once ("Find fællesskaber").
 */
import { useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { GROUP_SIZES, ISOLATION_LEVELS, TIMES_OF_DAY } from "../../../../domain/matching/types";
import { DEFAULT_MAX_DISTANCE_KM } from "../../../../domain/matching/rank";
import { MatchingProfileBody } from "../../../../shared/api/placements";
import { CheckboxList, RadioGroup, choiceId, toggle } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { SelectField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { type MatchingProfile, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";

const DISTANCES = [1, 2, 5, 10, 15, 20, 30, 50] as const;

export function ProfileForm({
  courseId,
  profile,
  onSaved,
}: {
  courseId: string;
  profile: MatchingProfile;
  onSaved: () => void;
}) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    isolation: profile.isolation as string,
    preferredTimes: profile.preferredTimes as string[],
    preferredGroupSize: profile.preferredGroupSize ?? "",
    maxDistanceKm: profile.maxDistanceKm === null ? "" : String(profile.maxDistanceKm),
  });
  const { values, set, setValues, errors } = form;
  const save = useSubmit(
    form,
    (body: MatchingProfileBody, key) => afproevApi.saveProfile(courseId, body, key),
    (saved) => {
      client.setQueryData(catalogKeys.profile(courseId), saved);
      void client.invalidateQueries({ queryKey: catalogKeys.matches(courseId) });
      onSaved();
    },
  );
  const fields = [
    {
      name: "isolation",
      inputId: choiceId("profile-isolation", ISOLATION_LEVELS[0]),
      label: t("profile.isolation"),
    },
    {
      name: "preferredTimes",
      inputId: choiceId("profile-times", TIMES_OF_DAY[0]),
      label: t("profile.times"),
    },
    { name: "preferredGroupSize", inputId: choiceId("profile-group", "any"), label: t("profile.groupSize") },
    { name: "maxDistanceKm", inputId: "profile-distance", label: t("profile.maxDistance") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const input = {
      isolation: values.isolation,
      preferredTimes: values.preferredTimes,
      preferredGroupSize: values.preferredGroupSize || null,
      maxDistanceKm: values.maxDistanceKm ? Number(values.maxDistanceKm) : null,
    };
    const result = validate(MatchingProfileBody, input, tc);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    save.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="profile-heading" data-testid="matching-profile">
      <h3 id="profile-heading">{t("profile.heading")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <RadioGroup
        id="profile-isolation"
        legend={t("profile.isolation")}
        hint={t("profile.isolationHint")}
        large
        value={values.isolation}
        onChange={set("isolation")}
        error={errors.isolation}
        choices={ISOLATION_LEVELS.map((l) => ({
          value: l,
          label: w.code("isolation", l),
          hint: w.code("isolationHint", l),
        }))}
      />
      <CheckboxList
        id="profile-times"
        legend={t("profile.times")}
        hint={t("profile.timesHint")}
        choices={TIMES_OF_DAY.map((x) => ({ value: x, label: w.code("timeOfDay", x) }))}
        checked={(x) => values.preferredTimes.includes(x)}
        onChange={(x, on) => setValues((v) => ({ ...v, preferredTimes: toggle(v.preferredTimes, x, on) }))}
      />
      <RadioGroup
        id="profile-group"
        legend={t("profile.groupSize")}
        value={values.preferredGroupSize || "any"}
        onChange={(g) => set("preferredGroupSize")(g === "any" ? "" : g)}
        error={errors.preferredGroupSize}
        choices={[
          { value: "any", label: t("profile.noWish") },
          ...GROUP_SIZES.map((g) => ({ value: g, label: w.code("groupSize", g) })),
        ]}
      />
      <SelectField
        id="profile-distance"
        label={t("profile.maxDistance")}
        value={values.maxDistanceKm}
        onChange={set("maxDistanceKm")}
        emptyOption={t("profile.defaultDistance", { km: DEFAULT_MAX_DISTANCE_KM })}
        options={DISTANCES.map((d) => ({ value: String(d), label: t("search.withinKm", { km: d }) }))}
        error={errors.maxDistanceKm}
      />
      <FormActions label={t("find.button")} icon="search" pending={save.isPending} />
    </form>
  );
}
