/**
 * Granting clips. A grant beyond the municipality's frame is refused with every broken rule
 * named (409 grant_beyond_frame); a role the frame names may then grant it as a recorded
 * exception, with a reason. A team leader grants from the unit's hour budget.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { onlyKind } from "../../../domain/punchcard/grant-defaults";
import { GrantClipsBody } from "../../../shared/api/punch-card";
import { ApiError } from "../../api/client";
import { useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, type PunchCard, courseKeys, coursesApi } from "./api";
import { useCourseCache } from "./hooks";

interface Violation {
  rule: string;
  kind?: string;
  limit: number;
  wouldBe: number;
}

/** The translated text of a broken rule of the frame; an unknown rule still says something. */
export function useViolationText() {
  const { t } = useTranslation("courses");
  return (v: Violation) => {
    const kind = v.kind ? t(`clipKind.${v.kind}`, { defaultValue: v.kind }) : "";
    const fallback = t("violation.unknown", { rule: v.rule, limit: v.limit, wouldBe: v.wouldBe });
    return /^[a-z_]+$/.test(v.rule)
      ? t(`violation.${v.rule}`, { kind, limit: v.limit, wouldBe: v.wouldBe, defaultValue: fallback })
      : fallback;
  };
}

function violationsOf(err: unknown): Violation[] | null {
  if (!(err instanceof ApiError) || err.code !== "grant_beyond_frame") return null;
  const list = err.details.violations;
  return Array.isArray(list) ? (list as Violation[]) : [];
}

export function GrantForm({
  course,
  card,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  card: PunchCard;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const { data: me } = useMe();
  const violationText = useViolationText();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const teamLeader = me?.role === "team_leader";
  const budgets = useQuery({
    queryKey: courseKeys.budgets,
    queryFn: ({ signal }) => coursesApi.budgets(signal),
    enabled: teamLeader,
  });
  // The frame's defaults (issue 17 point 5): the only allowed kind preselected, its clip length and
  // the clips left filled in; changing the kind refills what the user has not changed.
  const kinds = card.policy.kinds;
  const defaultsOf = (kind: string) => {
    const d = kinds.find((k) => k.kind === kind);
    return { clips: d?.clips?.toString() ?? "", minutesPerClip: d?.minutesPerClip?.toString() ?? "" };
  };
  const preselected = onlyKind(kinds) ?? "";
  const form = useForm({
    kind: preselected,
    ...defaultsOf(preselected),
    interventionId: "",
    budgetId: "",
    exceptionReason: "",
  });
  const { values, set, errors } = form;
  const [refused, setRefused] = useState<Violation[] | null>(null);

  const grant = useMutation({
    mutationFn: (body: GrantClipsBody) =>
      coursesApi.grant(course.id, body, idempotency.keyFor({ grant: course.id, ...body })),
    onSuccess: (_card, body) => {
      idempotency.done();
      cache.refresh();
      onDone(
        t(body.exceptionReason ? "grant.doneException" : "grant.done", {
          clips: body.clips,
          minutes: body.minutesPerClip,
          kind: t(`clipKind.${body.kind}`),
        }),
      );
    },
    onError: (err) => {
      const violations = violationsOf(err);
      setRefused(violations);
      if (violations) form.fail({}, null);
      else form.failFromServer(err, tc);
    },
  });

  const fields = [
    { name: "kind", inputId: "grant-kind", label: t("grant.kind") },
    { name: "clips", inputId: "grant-clips", label: t("grant.clips") },
    { name: "minutesPerClip", inputId: "grant-minutes", label: t("grant.minutesPerClip") },
    { name: "interventionId", inputId: "grant-intervention", label: t("grant.intervention") },
    { name: "budgetId", inputId: "grant-budget", label: t("grant.budget") },
    { name: "exceptionReason", inputId: "grant-exception", label: t("grant.exceptionReason") },
  ];

  function send(asException: boolean) {
    const num = (v: string) =>
      /^\d+$/.test(v.trim()) ? Number(v) : v.trim() === "" ? undefined : Number.NaN;
    const input = {
      kind: values.kind || undefined,
      clips: num(values.clips),
      minutesPerClip: num(values.minutesPerClip),
      interventionId: values.interventionId || null,
      budgetId: values.budgetId || null,
      exceptionReason: asException ? values.exceptionReason : null,
    };
    const result = validate(GrantClipsBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.kind) found.kind = t("grant.errors.kind");
    if (asException && !values.exceptionReason.trim())
      found.exceptionReason = t("grant.errors.exceptionReason");
    if (teamLeader && !values.budgetId) found.budgetId = t("grant.errors.budget");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    grant.mutate(result.data);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    setRefused(null);
    send(false);
  }

  function chooseKind(kind: string) {
    const before = defaultsOf(values.kind);
    const after = defaultsOf(kind);
    set("kind")(kind);
    if (values.clips === before.clips) set("clips")(after.clips);
    if (values.minutesPerClip === before.minutesPerClip) set("minutesPerClip")(after.minutesPerClip);
  }

  const activeInterventions = course.interventions.filter((i) => !i.endedAt);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="grant-heading">
      <h3 id="grant-heading">{t("card.grant")}</h3>
      <p className="form-hint">{card.policy.description}</p>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <SelectField
        id="grant-kind"
        label={t("grant.kind")}
        value={values.kind}
        onChange={chooseKind}
        emptyOption={kinds.length === 1 ? undefined : t("common.choose")}
        options={kinds.map((k) => ({ value: k.kind, label: t(`clipKind.${k.kind}`) }))}
        error={errors.kind}
      />
      <div className="field-row">
        <TextField
          id="grant-clips"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          label={t("grant.clips")}
          value={values.clips}
          onChange={set("clips")}
          error={errors.clips}
          width="input-width-xs"
        />
        <TextField
          id="grant-minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={5}
          label={t("grant.minutesPerClip")}
          value={values.minutesPerClip}
          onChange={set("minutesPerClip")}
          error={errors.minutesPerClip}
          width="input-width-xs"
        />
      </div>
      {activeInterventions.length > 0 ? (
        <SelectField
          id="grant-intervention"
          label={t("grant.intervention")}
          optional
          value={values.interventionId}
          onChange={set("interventionId")}
          emptyOption={t("grant.noIntervention")}
          options={activeInterventions.map((i) => ({
            value: i.id,
            label: `${t(`interventionKind.${i.kind}`)} · ${i.provider.name}`,
          }))}
          error={errors.interventionId}
        />
      ) : null}
      {teamLeader ? (
        <SelectField
          id="grant-budget"
          label={t("grant.budget")}
          value={values.budgetId}
          onChange={set("budgetId")}
          emptyOption={budgets.isPending ? tc("common.loading") : t("common.choose")}
          options={(budgets.data ?? []).map((b) => ({
            value: b.id,
            label: t("budgets.option", {
              organisation: b.organisation.name,
              remaining: b.remainingMinutes,
              from: b.periodStart,
              to: b.periodEnd,
            }),
          }))}
          error={errors.budgetId}
        />
      ) : null}
      {refused ? (
        <div className="alert alert-error" role="alert" data-testid="grant-refused">
          <Icon name="error" className="alert-icon" label={tc("alert.error")} />
          <div className="alert-body">
            <h4 className="alert-heading">{t("grant.refusedHeading")}</h4>
            <ul className="alert-text">
              {refused.map((v, i) => (
                <li key={`${v.rule}-${i}`}>{violationText(v)}</li>
              ))}
            </ul>
            {!card.policy.mayGrantException ? <p className="alert-text">{t("grant.noException")}</p> : null}
          </div>
        </div>
      ) : null}
      {refused && card.policy.mayGrantException ? (
        <>
          <TextAreaField
            id="grant-exception"
            label={t("grant.exceptionReason")}
            hint={t("grant.exceptionHint")}
            rows={3}
            value={values.exceptionReason}
            onChange={set("exceptionReason")}
            error={errors.exceptionReason}
          />
          <Button variant="warning" icon="flag" pending={grant.isPending} onClick={() => send(true)}>
            {t("grant.asException")}
          </Button>
        </>
      ) : null}
      <div className="action-row">
        <Button type="submit" icon="plus" pending={grant.isPending}>
          {t("grant.submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
