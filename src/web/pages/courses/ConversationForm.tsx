/**
 * Recording a conversation from a guide (issue 4, point 2): choose the guide, write a note
 * per theme (its prompts shown as hints), then the structured result — type of loneliness,
 * interests, barriers, wishes, goals with agreements, and FSIII Følelsesfunktioner.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CONVERSATION_KINDS, LONELINESS_TYPES } from "../../../domain/course/vocabulary";
import { copenhagenDate } from "../../../domain/time";
import { RecordConversationBody } from "../../../shared/api/courses";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { useLocalText } from "../../i18n/useLocalText";
import { type Conversation, type CourseDetail, coursesApi } from "./api";
import {
  BarriersField,
  ConditionField,
  type GoalValues,
  GoalsField,
  InterestsField,
  agreementInputId,
  goalInputId,
} from "./ConversationFields";
import { useCourseCache, useDefinitions } from "./hooks";
import { copenhagenDateTime } from "./ui";

function nowClock(): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date());
}

export function ConversationForm({
  course,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  onDone: (c: Conversation) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const local = useLocalText();
  const dates = useDates();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const guides = useDefinitions("conversation_guide");
  const barriers = useDefinitions("barrier_catalogue");
  const interests = useDefinitions("interest_taxonomy");
  const booked = course.conversations.filter((c) => c.status === "booked");
  const form = useForm(
    {
      conversationId: "",
      kind:
        course.stage === "follow_up"
          ? "follow_up"
          : course.stage === "clarification"
            ? "clarification"
            : "guidance",
      guideId: "",
      heldOn: copenhagenDate(new Date()),
      heldTime: nowClock(),
      themeNotes: {} as Record<string, string>,
      lonelinessType: "",
      // The conversation starts from the citizen's current profile and edits it (issue 11 point 8).
      interests: [...(course.profile?.interests ?? [])],
      barriers: [...(course.profile?.barriers ?? [])],
      wishes: course.profile?.wishes ?? "",
      goals: [] as GoalValues[],
      severity: "",
      citizenView: "",
      // Kept through a lost session (idle timeout) and back; the form holds no CPR number.
    },
    { draft: `conversation:${course.id}` },
  );
  const { values, set, errors, setValues } = form;
  const [guideHint, setGuideHint] = useState(false);
  const guide = guides.data?.find((g) => g.id === values.guideId)?.definition ?? null;

  const record = useMutation({
    mutationFn: (body: RecordConversationBody) =>
      coursesApi.record(course.id, body, idempotency.keyFor({ record: course.id, ...body })),
    onSuccess: (conversation) => {
      idempotency.done();
      form.discardDraft();
      cache.refresh();
      onDone(conversation);
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  const fields: FieldSpec[] = [
    { name: "conversationId", inputId: "conv-booked", label: t("conversation.booked") },
    { name: "kind", inputId: "conv-kind", label: t("conversation.kind") },
    {
      name: "guideId",
      inputId: choiceId("conv-guide", guides.data?.[0]?.id ?? ""),
      label: t("conversation.guide"),
    },
    { name: "heldAt", inputId: "conv-held-on", label: t("conversation.heldOn") },
    ...(guide?.themes ?? []).map((th) => ({
      name: `themeNotes.${th.id}`,
      inputId: `theme-${th.id}`,
      label: local(th.title).text,
    })),
    {
      name: "lonelinessType",
      inputId: choiceId("conv-loneliness", "social"),
      label: t("conversation.lonelinessType"),
    },
    { name: "wishes", inputId: "conv-wishes", label: t("conversation.wishes") },
    ...values.goals.flatMap((g, i) => [
      { name: `goals.${i}.goal`, inputId: goalInputId(i), label: t("conversation.goal", { n: i + 1 }) },
      ...g.agreements.flatMap((_, n) =>
        (["who", "what", "due"] as const).map((f) => ({
          name: `goals.${i}.agreements.${n}.${f}`,
          inputId: agreementInputId(i, n, f),
          label: t("conversation.agreementField", { goal: i + 1, n: n + 1, field: t(`conversation.${f}`) }),
        })),
      ),
    ]),
    { name: "condition.severity", inputId: choiceId("severity", "0"), label: t("condition.severity") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (record.isPending) return;
    const themeNotes = Object.fromEntries(
      Object.entries(values.themeNotes).filter(
        ([id, v]) => v.trim() && guide?.themes.some((th) => th.id === id),
      ),
    );
    const input = {
      conversationId: values.conversationId || null,
      kind: values.kind,
      guideId: values.guideId || null,
      heldAt:
        /^\d{4}-\d{2}-\d{2}$/.test(values.heldOn) && /^\d{2}:\d{2}$/.test(values.heldTime)
          ? copenhagenDateTime(values.heldOn, values.heldTime)
          : undefined,
      themeNotes,
      lonelinessType: values.lonelinessType || null,
      interests: values.interests,
      barriers: values.barriers,
      wishes: values.wishes,
      goals: values.goals
        .filter((g) => g.goal.trim() || g.agreements.length > 0)
        .map((g) => ({
          goal: g.goal,
          agreements: g.agreements.map((a) => ({ who: a.who, what: a.what, due: a.due || null })),
        })),
      condition:
        values.severity === ""
          ? null
          : { severity: Number(values.severity), citizenView: values.citizenView || null },
    };
    const result = validate(RecordConversationBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (input.heldAt === undefined) found.heldAt = t("conversation.errors.heldAt");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    record.mutate(result.data);
  }

  const known = new Set(fields.map((f) => f.name));
  const items = [
    ...summaryItems(fields, errors),
    ...Object.entries(errors)
      .filter(([n]) => !known.has(n))
      .map(([name, message]) => ({ inputId: "conv-submit", label: name, message })),
  ];
  const loading = guides.isPending || barriers.isPending || interests.isPending;
  const loadError = guides.error ?? barriers.error ?? interests.error;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="conv-heading">
      <h3 id="conv-heading">{t("conversation.recordHeading")}</h3>
      <ErrorSummary
        items={items}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {loading ? <Spinner /> : null}
      {loadError ? <LoadError error={loadError} /> : null}
      {booked.length > 0 ? (
        <SelectField
          id="conv-booked"
          label={t("conversation.booked")}
          value={values.conversationId}
          onChange={(id) =>
            setValues((v) => ({
              ...v,
              conversationId: id,
              kind: booked.find((b) => b.id === id)?.kind ?? v.kind,
            }))
          }
          emptyOption={t("conversation.notBooked")}
          options={booked.map((b) => ({
            value: b.id,
            label: `${t(`conversationKind.${b.kind}`)} · ${b.scheduledAt ? dates.dateTime(b.scheduledAt) : "–"}`,
          }))}
          optional
        />
      ) : null}
      <SelectField
        id="conv-kind"
        label={t("conversation.kind")}
        value={values.kind}
        onChange={set("kind")}
        options={CONVERSATION_KINDS.map((k) => ({ value: k, label: t(`conversationKind.${k}`) }))}
        error={errors.kind}
      />
      <div className="field-row">
        <TextField
          id="conv-held-on"
          type="date"
          label={t("conversation.heldOn")}
          value={values.heldOn}
          onChange={set("heldOn")}
          error={errors.heldAt}
          width="input-width-s"
        />
        <TextField
          id="conv-held-time"
          type="time"
          label={t("conversation.heldTime")}
          value={values.heldTime}
          onChange={set("heldTime")}
          width="input-width-xs"
        />
      </div>
      {guides.data ? (
        <RadioGroup
          id="conv-guide"
          legend={t("conversation.guide")}
          hint={t("conversation.guideHint")}
          large
          error={errors.guideId}
          value={values.guideId}
          onChange={(id) => {
            setGuideHint(true);
            set("guideId")(id);
          }}
          choices={[
            ...guides.data.map((g) => {
              const title = local(g.definition.title);
              return { value: g.id, label: <span lang={title.lang}>{title.text}</span> };
            }),
            { value: "", label: t("conversation.noGuide") },
          ]}
        />
      ) : null}
      {guide ? (
        <div className="course-guide" aria-live={guideHint ? "polite" : undefined}>
          <p className="form-hint" lang={local(guide.description).lang}>
            {local(guide.description).text}
          </p>
          {guide.themes.map((th) => {
            const title = local(th.title);
            return (
              <TextAreaField
                key={th.id}
                id={`theme-${th.id}`}
                label={<span lang={title.lang}>{title.text}</span>}
                hint={
                  th.prompts.length > 0 ? (
                    <span className="course-prompts">
                      {th.prompts.map((p, i) => (
                        <span key={i} className="course-prompt" lang={local(p).lang}>
                          {local(p).text}
                        </span>
                      ))}
                    </span>
                  ) : undefined
                }
                optional
                rows={4}
                value={values.themeNotes[th.id] ?? ""}
                onChange={(v) => setValues((x) => ({ ...x, themeNotes: { ...x.themeNotes, [th.id]: v } }))}
                error={errors[`themeNotes.${th.id}`]}
              />
            );
          })}
        </div>
      ) : null}
      <h4 className="mt-6">{t("conversation.resultHeading")}</h4>
      <RadioGroup
        id="conv-loneliness"
        legend={t("conversation.lonelinessType")}
        value={values.lonelinessType}
        onChange={set("lonelinessType")}
        error={errors.lonelinessType}
        choices={[
          ...LONELINESS_TYPES.map((l) => ({ value: l, label: t(`lonelinessType.${l}`) })),
          { value: "", label: t("conversation.notClarified") },
        ]}
      />
      {interests.data?.[0] ? (
        <InterestsField
          taxonomy={interests.data[0].definition}
          value={values.interests}
          onChange={set("interests")}
        />
      ) : null}
      {barriers.data?.[0] ? (
        <BarriersField
          catalogue={barriers.data[0].definition}
          value={values.barriers}
          onChange={set("barriers")}
        />
      ) : null}
      <TextAreaField
        id="conv-wishes"
        label={t("conversation.wishes")}
        optional
        rows={3}
        value={values.wishes}
        onChange={set("wishes")}
        error={errors.wishes}
      />
      <GoalsField goals={values.goals} onChange={set("goals")} errors={errors} />
      <ConditionField
        severity={values.severity}
        citizenView={values.citizenView}
        onSeverity={set("severity")}
        onCitizenView={set("citizenView")}
        error={errors["condition.severity"]}
      />
      <div className="action-row">
        <Button type="submit" id="conv-submit" icon="save" pending={record.isPending}>
          {t("conversation.save")}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            form.discardDraft();
            onCancel();
          }}
        >
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
