/** Administration of detection: the municipality's settings and its screening instruments (questionnaires as data). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { TextField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { type Column, Table } from "../../../components/Table";
import { useDates } from "../../../format";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useLocalText } from "../../../i18n/useLocalText";
import { type DetectionSettingsData, type StoredQuestionnaire, detectionApi, detectionKeys } from "../api";
import { PublishForm } from "./PublishForm";

export default function DetectionAdminPage() {
  const { t } = useTranslation("detection");
  const title = t("admin.title");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <SettingsForm />
      <Questionnaires />
      <PublishForm />
    </>
  );
}

const LIMITS: Record<keyof DetectionSettingsData, [number, number]> = {
  rescreenIntervalMonths: [1, 36],
  referralWaitDays: [1, 90],
  newInHomeCareDays: [1, 365],
  offlineHours: [1, 24],
};

function SettingsForm() {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: detectionKeys.settings,
    queryFn: ({ signal }) => detectionApi.settings(signal),
  });
  const form = useForm({
    rescreenIntervalMonths: "",
    referralWaitDays: "",
    newInHomeCareDays: "",
    offlineHours: "",
  });
  const { values, set, setValues, errors } = form;
  useEffect(() => {
    if (settings.data)
      setValues({
        rescreenIntervalMonths: String(settings.data.rescreenIntervalMonths),
        referralWaitDays: String(settings.data.referralWaitDays),
        newInHomeCareDays: String(settings.data.newInHomeCareDays),
        offlineHours: String(settings.data.offlineHours),
      });
  }, [settings.data, setValues]);
  const save = useMutation({
    mutationFn: detectionApi.updateSettings,
    onSuccess: (saved) => client.setQueryData(detectionKeys.settings, saved),
    onError: (err) => form.failFromServer(err, tc),
  });
  const keys = Object.keys(LIMITS) as (keyof DetectionSettingsData)[];
  const fields = keys.map((k) => ({ name: k, inputId: `settings-${k}`, label: t(`settings.${k}`) }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const body: Partial<DetectionSettingsData> = {};
    for (const k of keys) {
      const n = Number(values[k]);
      const [min, max] = LIMITS[k];
      if (!/^\d+$/.test(values[k].trim()) || n < min || n > max) found[k] = t("settings.range", { min, max });
      else body[k] = n;
    }
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    save.mutate(body);
  }

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("settings.heading")}</h2>
      {settings.isPending ? <Spinner /> : null}
      {settings.error ? <LoadError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {save.isSuccess ? <Alert variant="success" heading={t("settings.saved")} /> : null}
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          items={summaryItems(fields, errors)}
          general={Object.keys(errors).length ? null : form.general}
          attempt={form.attempt}
        />
        {keys.map((k) => (
          <TextField
            key={k}
            id={`settings-${k}`}
            type="number"
            inputMode="numeric"
            min={LIMITS[k][0]}
            max={LIMITS[k][1]}
            label={t(`settings.${k}`)}
            hint={t(`settings.${k}Hint`)}
            value={values[k]}
            onChange={set(k)}
            error={errors[k]}
            width="input-width-xs"
          />
        ))}
        <Button type="submit" icon="save" pending={save.isPending} className="mt-5">
          {t("settings.save")}
        </Button>
      </form>
    </section>
  );
}

function Questionnaires() {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const local = useLocalText();
  const list = useQuery({
    queryKey: detectionKeys.questionnaires,
    queryFn: ({ signal }) => detectionApi.questionnaires(signal),
  });
  const columns: Column<StoredQuestionnaire>[] = [
    {
      key: "title",
      header: t("admin.instrument"),
      title: t("admin.instrument"),
      rowHeader: true,
      render: (q) => (
        <Link to={`/administration/opsporing/skemaer/${q.key}`}>{local(q.definition.title).text}</Link>
      ),
    },
    { key: "key", header: t("admin.key"), title: t("admin.key"), render: (q) => <code>{q.key}</code> },
    {
      key: "version",
      header: t("admin.newestVersion"),
      title: t("admin.newestVersion"),
      render: (q) => q.version,
    },
    {
      key: "active",
      header: t("admin.active"),
      title: t("admin.active"),
      render: (q) => (q.active ? t("admin.offered") : t("admin.withdrawn")),
    },
    {
      key: "created",
      header: t("admin.created"),
      title: t("admin.created"),
      render: (q) => dates.dateTime(q.createdAt),
    },
  ];
  return (
    <section aria-labelledby="questionnaires-heading">
      <h2 id="questionnaires-heading">{t("admin.questionnaires")}</h2>
      <p>{t("admin.questionnairesIntro")}</p>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <Table
          caption={t("admin.questionnaires")}
          captionHidden
          columns={columns}
          rows={list.data}
          rowKey={(q) => q.id}
        />
      ) : null}
    </section>
  );
}
