/**
 * "Skabeloner" on the administrator's messaging page (issue 16, part "templates"): every message
 * text in Danish and English — Broen's until the municipality writes its own — edited as a new
 * version (never changing an old one), with the variables each text may use and its history. The
 * server refuses a CPR number, an unknown variable and an open brace, naming the field.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TemplateBody } from "../../../shared/api/messaging-templates";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useDates } from "../../format";
import { type MessageTemplate, citizenMessagingApi, citizenMessagingKeys } from "./citizen-api";

const idOf = (tpl: MessageTemplate) => `${tpl.key}-${tpl.lang}`.replace(/\./g, "-");

function History({ tpl }: { tpl: MessageTemplate }) {
  const { t } = useTranslation("messaging");
  const dates = useDates();
  const history = useQuery({
    queryKey: citizenMessagingKeys.templateHistory(tpl.key, tpl.lang),
    queryFn: ({ signal }) => citizenMessagingApi.templateHistory(tpl.key, tpl.lang, signal),
  });
  if (history.isPending) return <Spinner />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <ol className="template-history">
      {history.data.versions.map((v) => (
        <li key={v.id ?? v.version}>
          <strong>{t("templates.version", { version: v.version })}</strong>
          {" – "}
          {t("templates.savedBy", {
            when: v.createdAt ? dates.dateTime(v.createdAt) : "",
            who: v.createdBy?.name ?? "–",
          })}
          <blockquote className="message-preview-text">{v.body}</blockquote>
        </li>
      ))}
      <li>
        <strong>{t("templates.shipped")}</strong>
        <blockquote className="message-preview-text">{history.data.shipped.body}</blockquote>
      </li>
    </ol>
  );
}

function Editor({ tpl, onDone }: { tpl: MessageTemplate; onDone: () => void }) {
  const { t } = useTranslation("messaging");
  const queryClient = useQueryClient();
  const form = useForm({ subject: tpl.subject ?? "", body: tpl.body });
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const id = idOf(tpl);
  const save = useMutation({
    mutationFn: ({ body, key }: { body: TemplateBody; key: string }) =>
      citizenMessagingApi.saveTemplate(tpl.key, tpl.lang, body, key),
    onSuccess: async () => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: citizenMessagingKeys.templates });
      onDone();
    },
    onError: (err) => form.failFromServer(err, t),
  });
  const fields: FieldSpec[] = [
    { name: "subject", inputId: `${id}-subject`, label: t("templates.subject") },
    { name: "body", inputId: `${id}-body`, label: t("templates.body") },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { subject: values.subject.trim() || null, body: values.body };
    form.clear();
    save.mutate({ body, key: idempotency.keyFor(body) });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("templates.editLabel", { name: t(`templates.keys.${tpl.key}`) })}
    >
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id={`${id}-subject`}
        label={t("templates.subject")}
        hint={t("templates.subjectHint")}
        value={values.subject}
        onChange={set("subject")}
        error={errors.subject}
        optional
      />
      <TextAreaField
        id={`${id}-body`}
        label={t("templates.body")}
        hint={t("templates.variablesHint", { variables: tpl.variables.map((v) => `{${v}}`).join(" ") })}
        value={values.body}
        onChange={set("body")}
        error={errors.body}
        maxLength={1000}
        rows={5}
      />
      <div className="button-group">
        <Button type="submit" pending={save.isPending} icon="check">
          {t("templates.save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("templates.cancel")}
        </Button>
      </div>
    </form>
  );
}

function TemplateEntry({ tpl }: { tpl: MessageTemplate }) {
  const { t } = useTranslation("messaging");
  const [mode, setMode] = useState<"view" | "edit" | "history">("view");
  const headingId = `template-${idOf(tpl)}`;
  return (
    <li className="template-entry">
      <h3 id={headingId} className="h4">
        {t(`templates.keys.${tpl.key}`)} – {t(`templates.langs.${tpl.lang}`)}
      </h3>
      <p className="form-hint">
        {tpl.version === null ? t("templates.shipped") : t("templates.version", { version: tpl.version })}
      </p>
      {mode === "edit" ? (
        <Editor tpl={tpl} onDone={() => setMode("view")} />
      ) : (
        <>
          {tpl.subject ? <p className="weight-semibold">{tpl.subject}</p> : null}
          <blockquote className="message-preview-text">{tpl.body}</blockquote>
          <div className="button-group">
            <Button variant="secondary" icon="edit" onClick={() => setMode("edit")}>
              {t("templates.edit")}
              <span className="sr-only">
                {" "}
                {t(`templates.keys.${tpl.key}`)}, {t(`templates.langs.${tpl.lang}`)}
              </span>
            </Button>
            <Button variant="function-link" onClick={() => setMode(mode === "history" ? "view" : "history")}>
              {t(mode === "history" ? "templates.hideHistory" : "templates.showHistory")}
              <span className="sr-only">
                {" "}
                {t(`templates.keys.${tpl.key}`)}, {t(`templates.langs.${tpl.lang}`)}
              </span>
            </Button>
          </div>
          {mode === "history" ? <History tpl={tpl} /> : null}
        </>
      )}
    </li>
  );
}

/** The templates part of the messaging page (mounted by the page shell "Beskeder"). */
export function TemplatesPanel() {
  const { t } = useTranslation("messaging");
  const templates = useQuery({
    queryKey: citizenMessagingKeys.templates,
    queryFn: ({ signal }) => citizenMessagingApi.templates(signal),
  });
  return (
    <section aria-labelledby="templates-heading" className="mt-7">
      <h2 id="templates-heading">{t("templates.heading")}</h2>
      <p>{t("templates.intro")}</p>
      <Alert variant="info" headingLevel={3}>
        <p>{t("templates.privacy")}</p>
      </Alert>
      {templates.isPending ? <Spinner /> : null}
      {templates.isError ? (
        <LoadError error={templates.error} onRetry={() => void templates.refetch()} />
      ) : null}
      {templates.data ? (
        <ul className="nobullet-list template-list">
          {templates.data.map((tpl) => (
            <TemplateEntry key={`${tpl.key}-${tpl.lang}`} tpl={tpl} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
