/**
 * Hour budgets: hours split between home-care units whose team leaders grant clips from them
 * (seed 003). Everyone who may read them sees granted and remaining; managers and
 * administrators create new ones.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { danishCollator } from "../../../../domain/danish-text";
import { CreateBudgetBody } from "../../../../shared/api/punch-card";
import { adminApi, keys } from "../../../api/endpoints";
import { useCan } from "../../../app/session";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { SelectField, TextField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { type Column, Table } from "../../../components/Table";
import { useDates } from "../../../format";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useIdempotencyKey } from "../../../forms/useIdempotencyKey";
import { validate } from "../../../forms/validation";
import { type HourBudget, courseKeys, coursesApi } from "../api";
import { CoursesAdminFrame } from "./CoursesAdminFrame";

const hours = (minutes: number) => (minutes / 60).toLocaleString("da-DK", { maximumFractionDigits: 1 });

function Frame({ title, children }: { title: string; children: ReactNode }) {
  const inAdministration = useLocation().pathname.startsWith("/administration");
  if (inAdministration) return <CoursesAdminFrame title={title}>{children}</CoursesAdminFrame>;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {children}
    </>
  );
}

export default function BudgetsPage() {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const can = useCan();
  const budgets = useQuery({
    queryKey: courseKeys.budgets,
    queryFn: ({ signal }) => coursesApi.budgets(signal),
  });
  const columns: Column<HourBudget>[] = [
    {
      key: "org",
      header: t("budgets.organisation"),
      title: t("budgets.organisation"),
      rowHeader: true,
      render: (b) => b.organisation.name,
    },
    {
      key: "district",
      header: t("budgets.district"),
      title: t("budgets.district"),
      render: (b) => b.district?.name ?? "–",
    },
    {
      key: "period",
      header: t("budgets.period"),
      title: t("budgets.period"),
      render: (b) => `${dates.day(b.periodStart)} – ${dates.day(b.periodEnd)}`,
    },
    {
      key: "hours",
      header: t("budgets.hours"),
      title: t("budgets.hours"),
      render: (b) => t("budgets.hoursValue", { hours: hours(b.minutes) }),
    },
    {
      key: "granted",
      header: t("budgets.granted"),
      title: t("budgets.granted"),
      render: (b) => t("budgets.hoursValue", { hours: hours(b.grantedMinutes) }),
    },
    {
      key: "remaining",
      header: t("budgets.remaining"),
      title: t("budgets.remaining"),
      render: (b) => (
        <span className={b.remainingMinutes <= 0 ? "overdue-text" : undefined}>
          {t("budgets.hoursValue", { hours: hours(b.remainingMinutes) })}
        </span>
      ),
    },
  ];
  return (
    <Frame title={t("budgets.title")}>
      <p className="font-lead">{t("budgets.intro")}</p>
      {budgets.isPending ? <Spinner /> : null}
      {budgets.error ? <LoadError error={budgets.error} onRetry={() => void budgets.refetch()} /> : null}
      {budgets.data ? (
        budgets.data.length === 0 ? (
          <p>{t("budgets.none")}</p>
        ) : (
          <Table
            caption={t("budgets.title")}
            captionHidden
            columns={columns}
            rows={budgets.data}
            rowKey={(b) => b.id}
          />
        )
      ) : null}
      {can({ kind: "budget.manage" }) ? <CreateBudgetForm /> : null}
    </Frame>
  );
}

function CreateBudgetForm() {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
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
  const form = useForm({ organisationId: "", districtId: "", periodStart: "", periodEnd: "", hours: "" });
  const { values, set, errors } = form;
  const [created, setCreated] = useState<HourBudget | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateBudgetBody) => coursesApi.createBudget(body, idempotency.keyFor(body)),
    onSuccess: (budget) => {
      idempotency.done();
      setCreated(budget);
      form.setValues({ organisationId: "", districtId: "", periodStart: "", periodEnd: "", hours: "" });
      void client.invalidateQueries({ queryKey: courseKeys.budgets });
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields = [
    { name: "organisationId", inputId: "budget-organisation", label: t("budgets.organisation") },
    { name: "districtId", inputId: "budget-district", label: t("budgets.district") },
    { name: "periodStart", inputId: "budget-start", label: t("budgets.start") },
    { name: "periodEnd", inputId: "budget-end", label: t("budgets.end") },
    { name: "minutes", inputId: "budget-hours", label: t("budgets.hours") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    const h = values.hours.trim().replace(",", ".");
    const input = {
      organisationId: values.organisationId || undefined,
      districtId: values.districtId || null,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      minutes: /^\d+(\.\d+)?$/.test(h) ? Math.round(Number(h) * 60) : h ? Number.NaN : undefined,
    };
    const result = validate(CreateBudgetBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.organisationId) found.organisationId = t("budgets.errors.organisation");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    create.mutate(result.data);
  }
  const providers = (organisations.data ?? [])
    .filter((o) => o.active && (o.kind === "public_provider" || o.kind === "private_provider"))
    .sort((a, b) => danishCollator.compare(a.name, b.name));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="budget-create-heading" className="admin-create">
      <h2 id="budget-create-heading">{t("budgets.create")}</h2>
      {created ? (
        <Alert
          variant="success"
          heading={t("budgets.created", { organisation: created.organisation.name })}
          headingLevel={3}
        />
      ) : null}
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <SelectField
        id="budget-organisation"
        label={t("budgets.organisation")}
        value={values.organisationId}
        onChange={set("organisationId")}
        emptyOption={t("common.choose")}
        options={providers.map((o) => ({ value: o.id, label: o.name }))}
        error={errors.organisationId}
      />
      <SelectField
        id="budget-district"
        label={t("budgets.district")}
        optional
        value={values.districtId}
        onChange={set("districtId")}
        emptyOption={t("budgets.allDistricts")}
        options={(districts.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
        error={errors.districtId}
      />
      <div className="field-row">
        <TextField
          id="budget-start"
          type="date"
          label={t("budgets.start")}
          value={values.periodStart}
          onChange={set("periodStart")}
          error={errors.periodStart}
          width="input-width-s"
        />
        <TextField
          id="budget-end"
          type="date"
          label={t("budgets.end")}
          value={values.periodEnd}
          onChange={set("periodEnd")}
          error={errors.periodEnd}
          width="input-width-s"
        />
      </div>
      <TextField
        id="budget-hours"
        inputMode="decimal"
        label={t("budgets.hours")}
        hint={t("budgets.hoursHint")}
        value={values.hours}
        onChange={set("hours")}
        error={errors.minutes}
        width="input-width-xs"
      />
      <Button type="submit" icon="save" pending={create.isPending} className="mt-5">
        {t("budgets.submit")}
      </Button>
    </form>
  );
}
