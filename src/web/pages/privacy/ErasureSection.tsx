/**
 * "Anonymisering og sletning" on the citizen's data-protection page (GDPR art. 17, issue 13 point 5):
 * the administrator sees what Broen holds per category and what each step does to it, chooses
 * anonymisation or erasure, writes a reason when the citizen still has open work, confirms in a
 * step of its own (never a browser confirm()), and then sees what was done.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type { ErasurePreview, ErasureResult } from "../../../shared/api/privacy-erasure";
import { keys } from "../../api/endpoints";
import { citizenResource, useCan, useMe } from "../../app/session";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button, buttonClass } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useFocusWhenOpened } from "../../components/focus";
import { summaryItems, useForm } from "../../forms/useForm";
import { useWrite } from "../../forms/useWrite";
import { formatDateTime } from "../../format";
import { type ErasureOperation, erasureApi, erasureKeys } from "./erasure-api";
import "./erasure.css";

export function ErasureSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("privacy");
  const { data: me } = useMe();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ErasureResult | null>(null);
  if (!me) return null;
  const resource = citizenResource(me, citizen);
  const allowed = {
    anonymise: can({ kind: "citizen.anonymise", citizen: resource }),
    erase: can({ kind: "citizen.erase", citizen: resource }),
  };
  if (!allowed.anonymise && !allowed.erase) return null;
  return (
    <section aria-labelledby="erasure-heading" className="mt-8">
      <h2 id="erasure-heading">{t("erasure.heading")}</h2>
      {result ? (
        <ErasureDone result={result} />
      ) : (
        <>
          <p>{t("erasure.lead")}</p>
          {open ? (
            <ErasurePanel citizen={citizen} allowed={allowed} onDone={setResult} />
          ) : (
            <div className="action-row">
              <Button variant="secondary" icon="visibility" onClick={() => setOpen(true)}>
                {t("erasure.showPreview")}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ErasurePanel({
  citizen,
  allowed,
  onDone,
}: {
  citizen: CitizenDetail;
  allowed: Record<ErasureOperation, boolean>;
  onDone: (result: ErasureResult) => void;
}) {
  const { t } = useTranslation("privacy");
  useFocusWhenOpened("erasure-preview-heading");
  const preview = useQuery({
    queryKey: erasureKeys.preview(citizen.id),
    queryFn: ({ signal }) => erasureApi.preview(citizen.id, signal),
    staleTime: 0,
  });
  return (
    <div className="erasure-panel">
      <h3 id="erasure-preview-heading" tabIndex={-1}>
        {t("erasure.previewHeading")}
      </h3>
      {preview.isPending ? <Spinner /> : null}
      {preview.isError ? <LoadError error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.data ? (
        <>
          <PreviewTable preview={preview.data} />
          <ErasureForm citizen={citizen} preview={preview.data} allowed={allowed} onDone={onDone} />
        </>
      ) : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: ErasurePreview }) {
  const { t } = useTranslation("privacy");
  const rows = preview.categories.filter((c) => c.count > 0);
  return (
    <>
      {preview.anonymisedAt ? (
        <p>{t("erasure.anonymisedNote", { at: formatDateTime(preview.anonymisedAt) })}</p>
      ) : null}
      <Table
        caption={t("erasure.previewCaption")}
        captionHidden
        compact
        rows={rows}
        rowKey={(r) => r.category}
        columns={[
          {
            key: "category",
            header: t("erasure.columns.category"),
            title: t("erasure.columns.category"),
            rowHeader: true,
            render: (r) => t(`erasure.categories.${r.category}`),
          },
          {
            key: "count",
            header: t("erasure.columns.count"),
            title: t("erasure.columns.count"),
            className: "erasure-count",
            render: (r) => r.count,
          },
          {
            key: "anonymise",
            header: t("erasure.columns.anonymise"),
            title: t("erasure.columns.anonymise"),
            render: (r) => t(`erasure.treatment.${r.anonymise}`),
          },
          {
            key: "erase",
            header: t("erasure.columns.erase"),
            title: t("erasure.columns.erase"),
            render: (r) => t(`erasure.treatment.${r.erase}`),
          },
        ]}
      />
      <p className="form-hint">
        {t("erasure.onlyWithData")} {t("erasure.previewLogged")}
      </p>
    </>
  );
}

function ErasureForm({
  citizen,
  preview,
  allowed,
  onDone,
}: {
  citizen: CitizenDetail;
  preview: ErasurePreview;
  allowed: Record<ErasureOperation, boolean>;
  onDone: (result: ErasureResult) => void;
}) {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ operation: "", reason: "" });
  const { values, set, errors } = form;
  const [confirming, setConfirming] = useState<ErasureOperation | null>(null);
  // An anonymised citizen can still be erased, never anonymised twice.
  const operations = (["anonymise", "erase"] as const).filter(
    (op) => allowed[op] && !(op === "anonymise" && preview.anonymisedAt),
  );
  const run = useWrite(
    (body: { operation: ErasureOperation; reason: string | null }, key: string) =>
      erasureApi.run(citizen.id, body.operation, { reason: body.reason }, key),
    {
      onSuccess: (result) => {
        // An anonymised citizen's page shows the stand-ins; an erased one is gone, so nothing is refetched.
        if (result.operation === "anonymise")
          void client.invalidateQueries({ queryKey: keys.citizen(citizen.id) });
        void client.invalidateQueries({ queryKey: ["citizens"] });
        onDone(result);
      },
      onError: (err) => {
        setConfirming(null);
        form.failFromServer(err, tc);
      },
    },
  );
  const fields = [
    {
      name: "operation",
      inputId: choiceId("erasure-operation", operations[0] ?? ""),
      label: t("erasure.operation.legend"),
    },
    { name: "reason", inputId: "erasure-reason", label: t("erasure.reason.label") },
  ];

  function next(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!values.operation) found.operation = t("erasure.errors.operation");
    if (preview.reasonRequired && !values.reason.trim()) found.reason = t("erasure.reason.required");
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    setConfirming(values.operation as ErasureOperation);
  }

  if (operations.length === 0) return null;
  return (
    <form onSubmit={next} noValidate>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {preview.reasonRequired ? (
        <Alert variant="warning" heading={t("erasure.blockers.heading")} headingLevel={3}>
          <p>{t("erasure.blockers.text", preview.blockers)}</p>
        </Alert>
      ) : null}
      <RadioGroup
        id="erasure-operation"
        legend={t("erasure.operation.legend")}
        large
        error={errors.operation}
        value={values.operation}
        onChange={(v) => {
          setConfirming(null);
          set("operation")(v);
        }}
        choices={operations.map((op) => ({
          value: op,
          label: t(`erasure.operation.${op}`),
          hint: t(`erasure.operation.${op}Hint`),
        }))}
      />
      <TextAreaField
        id="erasure-reason"
        label={t("erasure.reason.label")}
        hint={t("erasure.reason.hint")}
        optional={!preview.reasonRequired}
        error={errors.reason}
        value={values.reason}
        onChange={(v) => {
          setConfirming(null);
          set("reason")(v);
        }}
      />
      {confirming ? (
        <Confirmation
          operation={confirming}
          pending={run.isPending}
          onYes={() => run.mutate({ operation: confirming, reason: values.reason.trim() || null })}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <div className="action-row">
          <Button type="submit" icon="arrow-forward">
            {t("erasure.continue")}
          </Button>
        </div>
      )}
      {run.isError && !form.general && Object.keys(errors).length === 0 ? (
        <ActionError error={run.error} />
      ) : null}
    </form>
  );
}

/** The confirmation is its own step: what cannot be undone, said plainly, and two buttons. */
function Confirmation({
  operation,
  pending,
  onYes,
  onCancel,
}: {
  operation: ErasureOperation;
  pending: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("privacy");
  const headingId = "erasure-confirm-heading";
  useFocusWhenOpened(headingId);
  return (
    <div className="erasure-confirm" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {t(`erasure.confirm.${operation}.heading`)}
      </h3>
      <p>{t(`erasure.confirm.${operation}.text`)}</p>
      <div className="action-row">
        <Button variant="warning" icon="delete" pending={pending} onClick={onYes}>
          {t(`erasure.confirm.${operation}.yes`)}
        </Button>
        <Button variant="secondary" icon="close" disabled={pending} onClick={onCancel}>
          {t("erasure.confirm.cancel")}
        </Button>
      </div>
    </div>
  );
}

function ErasureDone({ result }: { result: ErasureResult }) {
  const { t } = useTranslation("privacy");
  useFocusWhenOpened("erasure-done");
  // What was still open and ended first, only what there was ("1 forløb, 2 planlagte klip").
  const ended = Object.entries(result.ended ?? {})
    .filter(([, n]) => n > 0)
    .map(([what, count]) => t(`erasure.done.endedItems.${what}`, { count }));
  return (
    <div id="erasure-done" tabIndex={-1}>
      <Alert variant="success" heading={t(`erasure.done.${result.operation}`)} headingLevel={3}>
        <p>{t("erasure.done.recorded")}</p>
        {ended.length > 0 ? <p>{t("erasure.done.ended", { items: ended.join(", ") })}</p> : null}
      </Alert>
      <p>{t("erasure.done.countsCaption")}:</p>
      <Table
        caption={t("erasure.done.countsCaption")}
        captionHidden
        compact
        rows={result.counts}
        rowKey={(r) => r.category}
        columns={[
          {
            key: "category",
            header: t("erasure.columns.category"),
            title: t("erasure.columns.category"),
            rowHeader: true,
            render: (r) => t(`erasure.categories.${r.category}`),
          },
          {
            key: "count",
            header: t("erasure.columns.count"),
            title: t("erasure.columns.count"),
            className: "erasure-count",
            render: (r) => r.count,
          },
        ]}
      />
      <div className="action-row">
        <Link to="/borgere" className={buttonClass("secondary")}>
          {t("erasure.done.toList")}
        </Link>
      </div>
    </div>
  );
}
