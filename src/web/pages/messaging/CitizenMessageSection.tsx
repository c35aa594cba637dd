/**
 * "Send besked" on the course page (issue 16, part "citizenMessage"): the coordinator picks a
 * template, sees the message as the citizen will get it (and where it goes), may write it in their
 * own words, and sends it; below, what was sent to the citizen — reminders included — and how it went.
 * Only for the coordinator (citizen.message); a citizen without consent or channel is told so
 * before anything is written, and the server refuses the send the same way.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CitizenMessageBody } from "../../../shared/api/messaging-citizen";
import { useCan } from "../../app/session";
import { ApiError } from "../../api/client";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextAreaField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { type Column, Table } from "../../components/Table";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useDates } from "../../format";
import { useCourseCitizen } from "../courses/hooks";
import { type SentMessage, citizenMessagingApi, citizenMessagingKeys } from "./citizen-api";

const KEYS = ["citizen.general", "citizen.motivation", "citizen.appointment"] as const;
type Key = (typeof KEYS)[number];

function SendForm({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation("messaging");
  const queryClient = useQueryClient();
  const form = useForm({ templateKey: "citizen.general" as Key, text: "" });
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const [ownWords, setOwnWords] = useState(false);
  const [sent, setSent] = useState<SentMessage | null>(null);
  const body: CitizenMessageBody = {
    templateKey: values.templateKey,
    ...(ownWords && values.text.trim() ? { text: values.text } : {}),
  };
  const preview = useQuery({
    queryKey: ["citizen", citizenId, "message-preview", body] as const,
    queryFn: () => citizenMessagingApi.preview(citizenId, body),
    staleTime: 0,
    retry: false,
  });
  // Writing in one's own words starts from the template's text.
  useEffect(() => {
    if (ownWords && !values.text && preview.data) set("text")(preview.data.templateBody);
  }, [ownWords, preview.data, values.text, set]);
  const send = useMutation({
    mutationFn: ({ b, key }: { b: CitizenMessageBody; key: string }) =>
      citizenMessagingApi.send(citizenId, b, key),
    onSuccess: async (message) => {
      idempotency.done();
      setSent(message);
      setOwnWords(false);
      form.setValues({ templateKey: values.templateKey, text: "" });
      await queryClient.invalidateQueries({ queryKey: citizenMessagingKeys.messages(citizenId) });
    },
    onError: (err) => form.failFromServer(err, t),
  });
  const fields: FieldSpec[] = [
    { name: "templateKey", inputId: "message-template", label: t("citizenMessage.template") },
    { name: "text", inputId: "message-text", label: t("citizenMessage.text") },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setSent(null);
    send.mutate({ b: body, key: idempotency.keyFor(body) });
  };
  const p = preview.data;
  const previewProblem = preview.error instanceof ApiError ? preview.error : null;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="message-form-heading">
      <h3 id="message-form-heading">{t("citizenMessage.formHeading")}</h3>
      {sent ? (
        <Alert variant="success" headingLevel={3} heading={t("citizenMessage.sentHeading")}>
          <p>{t("citizenMessage.sentText", { to: sent.toAddress })}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <SelectField
        id="message-template"
        label={t("citizenMessage.template")}
        value={values.templateKey}
        onChange={(v) => {
          set("templateKey")(v as Key);
          set("text")("");
        }}
        options={KEYS.map((k) => ({ value: k, label: t(`citizenMessage.templates.${k}`) }))}
        error={errors.templateKey}
      />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input
            id="message-own-words"
            type="checkbox"
            className="form-checkbox"
            checked={ownWords}
            onChange={(e) => setOwnWords(e.target.checked)}
          />
          <label className="form-label" htmlFor="message-own-words">
            {t("citizenMessage.ownWords")}
          </label>
        </div>
      </div>
      {ownWords ? (
        <TextAreaField
          id="message-text"
          label={t("citizenMessage.text")}
          hint={t("citizenMessage.textHint")}
          value={values.text}
          onChange={set("text")}
          error={errors.text}
          maxLength={1000}
        />
      ) : null}
      <div className="message-preview" aria-live="polite">
        <h4>{t("citizenMessage.preview")}</h4>
        {p ? (
          <>
            {p.reachable === "yes" ? (
              <p className="form-hint">
                {t(`citizenMessage.goesTo.${p.channel ?? "sms"}`, { to: p.toAddress ?? "" })}
              </p>
            ) : (
              <Alert variant="warning" headingLevel={3}>
                <p>{t(`citizenMessage.unreachable.${p.reachable}`)}</p>
              </Alert>
            )}
            {p.subject ? <p className="weight-semibold">{p.subject}</p> : null}
            <blockquote className="message-preview-text">{p.body}</blockquote>
          </>
        ) : previewProblem ? (
          <p className="form-error-message">{previewProblem.message}</p>
        ) : null}
        {preview.isError && !previewProblem ? (
          <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
        ) : null}
      </div>
      <div className="button-group mt-5">
        <Button
          type="submit"
          pending={send.isPending}
          icon="send"
          disabled={p ? p.reachable !== "yes" : false}
        >
          {t("citizenMessage.send")}
        </Button>
      </div>
    </form>
  );
}

function SentList({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation("messaging");
  const dates = useDates();
  const messages = useQuery({
    queryKey: citizenMessagingKeys.messages(citizenId),
    queryFn: ({ signal }) => citizenMessagingApi.messages(citizenId, signal),
  });
  if (messages.isError) return <LoadError error={messages.error} onRetry={() => void messages.refetch()} />;
  if (!messages.data) return null;
  const columns: Column<SentMessage>[] = [
    {
      key: "at",
      header: t("citizenMessage.at"),
      title: t("citizenMessage.at"),
      rowHeader: true,
      render: (m) => dates.dateTime(m.sentAt ?? m.notBefore),
    },
    {
      key: "kind",
      header: t("citizenMessage.kind"),
      title: t("citizenMessage.kind"),
      render: (m) => t(`citizenMessage.kinds.${m.kind}`),
    },
    {
      key: "to",
      header: t("citizenMessage.to"),
      title: t("citizenMessage.to"),
      render: (m) => `${t(`citizenMessage.recipients.${m.recipientKind}`)} – ${m.toAddress}`,
    },
    { key: "text", header: t("citizenMessage.text"), title: t("citizenMessage.text"), render: (m) => m.body },
    {
      key: "status",
      header: t("citizenMessage.status"),
      title: t("citizenMessage.status"),
      render: (m) => t(`citizenMessage.statuses.${m.status}`),
    },
  ];
  return (
    <>
      <h3 className="mt-6">{t("citizenMessage.listHeading")}</h3>
      {messages.data.length === 0 ? (
        <p>{t("citizenMessage.none")}</p>
      ) : (
        <Table
          caption={t("citizenMessage.listHeading")}
          captionHidden
          columns={columns}
          rows={messages.data}
          rowKey={(m) => m.id}
          compact
        />
      )}
    </>
  );
}

/** The section as the course page places it: for the coordinator, while the course is open. */
export function CourseMessageSection({ course }: { course: { citizen: { id: string }; stage: string } }) {
  const { t } = useTranslation("messaging");
  const citizen = useCourseCitizen(course.citizen.id);
  const can = useCan();
  if (!citizen || !can({ kind: "citizen.message", citizen })) return null;
  return (
    <section aria-labelledby="course-messages-heading" id="course-messages" className="mt-7">
      <h2 id="course-messages-heading">{t("citizenMessage.heading")}</h2>
      <p>{t("citizenMessage.intro")}</p>
      {course.stage !== "closed" ? <SendForm citizenId={course.citizen.id} /> : null}
      <SentList citizenId={course.citizen.id} />
    </section>
  );
}
