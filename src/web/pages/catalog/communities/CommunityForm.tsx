/**
 * Form a small community of 2–5 citizens (guidepost 4): a name, the members (the proposal's,
 * or any of the coordinator's open courses), where they meet — often one member's home — and a
 * worker who hosts the first meetings.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateSmallCommunityBody } from "../../../../shared/api/placements";
import { useMe } from "../../../app/session";
import { CheckboxList, choiceId, toggle } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { SelectField, TextField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { courseKeys, coursesApi } from "../../courses/api";
import { type CommunityProposal, type SmallCommunity, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";

export function CommunityForm({
  proposal,
  onDone,
  onCancel,
}: {
  proposal: CommunityProposal | null;
  onDone: (c: SmallCommunity) => void;
  onCancel: () => void;
}) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const { data: me } = useMe();
  const client = useQueryClient();
  const caseload = useQuery({
    queryKey: courseKeys.caseload(null),
    queryFn: ({ signal }) => coursesApi.caseload(null, signal),
  });
  const candidates = [
    ...(proposal?.members.map((m) => ({
      courseId: m.courseId,
      name: m.citizen.name,
      address: m.citizen.address,
    })) ?? []),
    ...(caseload.data ?? [])
      .filter((c) => c.stage !== "closed" && !proposal?.members.some((m) => m.courseId === c.id))
      .map((c) => ({ courseId: c.id, name: c.citizen.name, address: c.citizen.address })),
  ];
  const form = useForm({
    name: "",
    courseIds: proposal?.members.map((m) => m.courseId) ?? ([] as string[]),
    meetingPlace: "",
    hostUserId: "",
  });
  const { values, set, setValues, errors } = form;
  const firstCourse = values.courseIds[0];
  const workers = useQuery({
    queryKey: courseKeys.workers(firstCourse ?? ""),
    queryFn: ({ signal }) => coursesApi.workers(firstCourse!, signal),
    enabled: !!firstCourse,
    retry: false,
  });
  const hosts = [
    ...(me ? [{ value: me.userId, label: t("community.myself", { name: me.displayName }) }] : []),
    ...(workers.data ?? [])
      .filter((x) => x.id !== me?.userId)
      .map((x) => ({ value: x.id, label: `${x.name} (${x.organisation.name})` })),
  ];

  const create = useSubmit(
    form,
    (body: CreateSmallCommunityBody, key) => afproevApi.createCommunity(body, key),
    (c) => {
      void client.invalidateQueries({ queryKey: ["small-communities"] });
      client.setQueryData(catalogKeys.community(c.id), c);
      onDone(c);
    },
  );
  const fields = [
    { name: "name", inputId: "community-name", label: t("community.name") },
    {
      name: "courseIds",
      inputId: choiceId("community-members", candidates[0]?.courseId ?? ""),
      label: t("community.members"),
    },
    { name: "meetingPlace", inputId: "community-place", label: t("community.meetingPlace") },
    { name: "hostUserId", inputId: "community-host", label: t("community.host") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    const result = validate(
      CreateSmallCommunityBody,
      {
        name: values.name,
        courseIds: values.courseIds,
        meetingPlace: values.meetingPlace,
        hostUserId: values.hostUserId || null,
      },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (values.courseIds.length < 2 || values.courseIds.length > 5)
      found.courseIds = t("community.errors.members");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    create.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="community-form-heading">
      <h3 id="community-form-heading">{t("community.create")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextField
        id="community-name"
        label={t("community.name")}
        hint={t("community.nameHint")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
      />
      <CheckboxList
        id="community-members"
        legend={t("community.members")}
        hint={t("community.membersHint")}
        choices={candidates.map((c) => ({ value: c.courseId, label: c.name, hint: c.address }))}
        checked={(id) => values.courseIds.includes(id)}
        onChange={(id, on) => setValues((v) => ({ ...v, courseIds: toggle(v.courseIds, id, on) }))}
      />
      {errors.courseIds ? <p className="form-error-message">{errors.courseIds}</p> : null}
      <TextField
        id="community-place"
        label={t("community.meetingPlace")}
        hint={t("community.meetingPlaceHint")}
        optional
        value={values.meetingPlace}
        onChange={set("meetingPlace")}
        error={errors.meetingPlace}
      />
      <SelectField
        id="community-host"
        label={t("community.host")}
        hint={t("community.hostHint")}
        optional
        value={values.hostUserId}
        onChange={set("hostUserId")}
        emptyOption={t("community.noHost")}
        options={hosts}
        error={errors.hostUserId}
      />
      <FormActions
        label={t("community.createButton")}
        icon="groups"
        pending={create.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
