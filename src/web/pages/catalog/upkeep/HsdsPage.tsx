/**
 * Open Referral HSDS 3.0: download the catalog (organizations and services), and — for
 * coordinators and administrators — import a document from a file or pasted JSON, either all or
 * nothing, or only the valid rows. Every refused row is listed with its field and reason; a
 * re-import updates by id instead of duplicating.
 */
import { useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { IMPORT_MODES, type ImportMode } from "../../../../domain/vocabulary/catalog";
import type { ImportBody, ImportIssue, ImportReport } from "../../../../shared/api/catalog";
import { ApiError } from "../../../api/client";
import { useCan } from "../../../app/session";
import { Alert } from "../../../components/Alert";
import { RadioGroup, choiceId } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { TextAreaField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { Icon } from "../../../components/Icon";
import { PageHeading } from "../../../components/Page";
import { type Column, Table } from "../../../components/Table";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { catalogApi } from "../api";
import { BackLink } from "../ui";
import { useWords } from "../words";

const MAX_BYTES = 5 * 1024 * 1024;

export default function HsdsPage() {
  const { t } = useWords();
  const can = useCan();
  return (
    <>
      <BackLink to="/katalog">{t("search.title")}</BackLink>
      <PageHeading title={t("hsds.title")}>{t("hsds.title")}</PageHeading>
      <p className="font-lead">{t("hsds.intro")}</p>
      <section aria-labelledby="hsds-export" className="mt-6">
        <h2 id="hsds-export">{t("hsds.exportHeading")}</h2>
        <p>{t("hsds.exportText")}</p>
        <a href={catalogApi.exportUrl} download className="button button-secondary">
          <Icon name="download" />
          {t("hsds.download")}
        </a>
      </section>
      {can({ kind: "catalog.import" }) ? <ImportForm /> : null}
    </>
  );
}

function ImportForm() {
  const w = useWords();
  const { t } = w;
  const client = useQueryClient();
  const form = useForm({ file: null as File | null, text: "", mode: "all_or_nothing" as string });
  const { values, set, errors } = form;
  const [refused, setRefused] = useState<ImportIssue[]>([]);
  // All or nothing with invalid rows is a 422 whose details list every row: shown below the form.
  const onRefusal = {
    failFromServer: (err: unknown, tr: TFunction) => {
      const issues = err instanceof ApiError ? (err.details.errors as ImportIssue[] | undefined) : undefined;
      setRefused(Array.isArray(issues) ? issues : []);
      form.failFromServer(err, tr);
    },
  };
  const run = useSubmit(
    onRefusal,
    (body: ImportBody, key) => catalogApi.import(body, key),
    () => {
      setRefused([]);
      void client.invalidateQueries({ queryKey: ["catalog"] });
    },
  );
  const fields = [
    { name: "file", inputId: "hsds-file", label: t("hsds.file") },
    { name: "text", inputId: "hsds-text", label: t("hsds.text") },
    { name: "mode", inputId: choiceId("hsds-mode", IMPORT_MODES[0]), label: t("hsds.mode") },
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (run.isPending) return;
    run.reset();
    setRefused([]);
    if (values.file && values.file.size > MAX_BYTES) return form.fail({ file: t("hsds.errors.tooLarge") });
    const raw = values.file ? await values.file.text() : values.text.trim();
    if (!raw) return form.fail({ text: t("hsds.errors.nothing") });
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return form.fail({ [values.file ? "file" : "text"]: t("hsds.errors.notJson") });
    }
    form.clear();
    run.mutate({ data, mode: values.mode as ImportMode });
  }

  return (
    <section aria-labelledby="hsds-import" className="mt-7">
      <h2 id="hsds-import">{t("hsds.importHeading")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="hsds-import">
        <ErrorSummary
          items={summaryItems(fields, errors)}
          general={Object.keys(errors).length ? null : form.general}
          attempt={form.attempt}
        />
        <div className={`form-group${errors.file ? " form-error" : ""}`}>
          <label className="form-label" htmlFor="hsds-file">
            {t("hsds.file")}
          </label>
          <span className="form-hint" id="hsds-file-hint">
            {t("hsds.fileHint")}
          </span>
          {errors.file ? (
            <span className="form-error-message" id="hsds-file-error">
              {errors.file}
            </span>
          ) : null}
          <input
            id="hsds-file"
            type="file"
            accept="application/json,.json"
            className="form-file-input"
            aria-describedby={errors.file ? "hsds-file-hint hsds-file-error" : "hsds-file-hint"}
            onChange={(e) => set("file")(e.target.files?.[0] ?? null)}
          />
        </div>
        {!values.file ? (
          <TextAreaField
            id="hsds-text"
            label={t("hsds.text")}
            hint={t("hsds.textHint")}
            optional
            rows={8}
            maxLength={MAX_BYTES}
            value={values.text}
            onChange={set("text")}
            error={errors.text}
          />
        ) : null}
        <RadioGroup
          id="hsds-mode"
          legend={t("hsds.mode")}
          large
          value={values.mode}
          onChange={set("mode")}
          choices={IMPORT_MODES.map((m) => ({
            value: m,
            label: w.code("importMode", m),
            hint: w.code("importModeHint", m),
          }))}
        />
        <FormActions label={t("hsds.import")} icon="upload" pending={run.isPending} />
      </form>
      {run.data ? <ImportResult report={run.data} /> : null}
      {refused.length > 0 ? <IssueTable caption={t("hsds.refusedCaption")} issues={refused} /> : null}
    </section>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useWords();
  const line = (c: ImportReport["activities"]) =>
    t("hsds.counts", { created: c.created, updated: c.updated, unchanged: c.unchanged });
  return (
    <div data-testid="import-report">
      <Alert
        variant={report.errors.length > 0 ? "warning" : "success"}
        heading={
          report.errors.length > 0 ? t("hsds.partly", { count: report.errors.length }) : t("hsds.done")
        }
      >
        <p className="mb-0">{t("hsds.organisations", { counts: line(report.organisations) })}</p>
        <p>{t("hsds.activities", { counts: line(report.activities) })}</p>
      </Alert>
      {report.errors.length > 0 ? (
        <IssueTable caption={t("hsds.skippedCaption")} issues={report.errors} />
      ) : null}
      {report.warnings.length > 0 ? (
        <IssueTable caption={t("hsds.warningsCaption")} issues={report.warnings} />
      ) : null}
    </div>
  );
}

function IssueTable({ caption, issues }: { caption: string; issues: ImportIssue[] }) {
  const w = useWords();
  const { t } = w;
  const columns: Column<ImportIssue>[] = [
    {
      key: "row",
      header: t("hsds.row"),
      title: t("hsds.row"),
      rowHeader: true,
      render: (i) => t("hsds.rowValue", { entity: w.code("hsdsEntity", i.entity), n: i.index + 1 }),
    },
    {
      key: "field",
      header: t("hsds.field"),
      title: t("hsds.field"),
      render: (i) => <code>{i.field || "–"}</code>,
    },
    {
      key: "message",
      header: t("hsds.problem"),
      title: t("hsds.problem"),
      render: (i) => t(`importIssue.${i.code}`, { defaultValue: i.message }),
    },
  ];
  return (
    <Table
      caption={caption}
      columns={columns}
      rows={issues}
      rowKey={(i) => `${i.entity}-${i.index}-${i.field}-${i.code}`}
      compact
    />
  );
}
