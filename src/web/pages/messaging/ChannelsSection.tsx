/**
 * "Kanaler og stilletid" (issue 16, decision 0105): the municipality's SMTP server and SMS gateway,
 * the quiet hours in which no message reaches a citizen (delayed, never dropped), the digest hour
 * and the attempts before a message is shown as failed; and a test message through the saved
 * settings. Saved with the version the page showed (a change made meanwhile is refused, not
 * overwritten). Secrets are never shown: left empty they are kept.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  ChannelState,
  MessagingSettingsView,
  TestMessageResult,
} from "../../../shared/api/messaging-outbox";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useSubmit, useWrite } from "../../forms/useWrite";
import { outboxApi, outboxKeys } from "./outbox-api";

const valuesOf = (s: MessagingSettingsView) => ({
  emailEnabled: s.emailEnabled,
  smtpHost: s.smtpHost ?? "",
  smtpPort: s.smtpPort === null ? "" : String(s.smtpPort),
  smtpSecure: s.smtpSecure,
  smtpUser: s.smtpUser ?? "",
  smtpPassword: "",
  emailFrom: s.emailFrom ?? "",
  smsEnabled: s.smsEnabled,
  smsUrl: s.smsUrl ?? "",
  smsToken: "",
  smsSender: s.smsSender ?? "",
  quiet: s.quietFrom !== null && s.quietTo !== null,
  quietFrom: s.quietFrom ?? "20:00",
  quietTo: s.quietTo ?? "08:00",
  digestHour: String(s.digestHour),
  maxAttempts: String(s.maxAttempts),
});

function StateTag({ state }: { state: ChannelState }) {
  const { t } = useTranslation("messaging");
  return <span className={`messaging-state messaging-state-${state}`}>{t(`channels.states.${state}`)}</span>;
}

function SettingsForm({ current }: { current: MessagingSettingsView }) {
  const { t } = useTranslation("messaging");
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm(() => valuesOf(current));
  const { values, set, errors } = form;
  const submit = useSubmit(form, outboxApi.saveSettings, (s) => {
    qc.setQueryData(outboxKeys.settings, s);
    form.setValues(valuesOf(s));
    setSaved(true);
  });
  const field = (name: string): FieldSpec => ({
    name,
    inputId: `msg-${name}`,
    label: t(`channels.fields.${name}`),
  });
  const fields = [
    "smtpHost",
    "smtpPort",
    "smtpUser",
    "smtpPassword",
    "emailFrom",
    "smsUrl",
    "smsToken",
    "smsSender",
    "quietFrom",
    "quietTo",
    "digestHour",
    "maxAttempts",
  ].map(field);
  const text = (name: keyof typeof values, extra: Record<string, unknown> = {}) => (
    <TextField
      id={`msg-${name}`}
      label={t(`channels.fields.${name}`)}
      value={values[name] as string}
      onChange={set(name) as (v: string) => void}
      error={errors[name]}
      autoComplete="off"
      {...extra}
    />
  );
  const nullable = (v: string) => (v.trim() === "" ? null : v.trim());

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    form.clear();
    submit.mutate({
      version: current.version,
      emailEnabled: values.emailEnabled,
      smtpHost: nullable(values.smtpHost),
      smtpPort: values.smtpPort.trim() === "" ? null : Number(values.smtpPort),
      smtpSecure: values.smtpSecure,
      smtpUser: nullable(values.smtpUser),
      ...(values.smtpPassword
        ? { smtpPassword: values.smtpPassword }
        : values.smtpUser.trim()
          ? {}
          : { smtpPassword: null }),
      emailFrom: nullable(values.emailFrom),
      smsEnabled: values.smsEnabled,
      smsUrl: nullable(values.smsUrl),
      ...(values.smsToken ? { smsToken: values.smsToken } : {}),
      smsSender: nullable(values.smsSender),
      quietFrom: values.quiet ? values.quietFrom : null,
      quietTo: values.quiet ? values.quietTo : null,
      digestHour: Number(values.digestHour),
      maxAttempts: Number(values.maxAttempts),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="msg-channels-heading" className="messaging-form">
      <h2 id="msg-channels-heading">{t("channels.title")}</h2>
      <p>{t("channels.lead")}</p>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      {saved ? <Alert variant="success">{t("channels.saved")}</Alert> : null}
      <fieldset>
        <legend className="h3">
          {t("channels.email")} <StateTag state={current.emailState} />
        </legend>
        <Checkbox
          id="msg-emailEnabled"
          label={t("channels.fields.emailEnabled")}
          checked={values.emailEnabled}
          onChange={set("emailEnabled")}
        />
        {text("smtpHost", { hint: t("channels.hints.smtpHost") })}
        {text("smtpPort", {
          inputMode: "numeric",
          width: "input-width-xs",
          hint: t("channels.hints.smtpPort"),
        })}
        <Checkbox
          id="msg-smtpSecure"
          label={t("channels.fields.smtpSecure")}
          hint={t("channels.hints.smtpSecure")}
          checked={values.smtpSecure}
          onChange={set("smtpSecure")}
        />
        {text("smtpUser", { optional: true })}
        {text("smtpPassword", {
          type: "password",
          autoComplete: "new-password",
          hint: current.hasSmtpPassword ? t("channels.hints.secretKept") : t("channels.hints.secretNone"),
        })}
        {text("emailFrom", { type: "email", hint: t("channels.hints.emailFrom") })}
      </fieldset>
      <fieldset>
        <legend className="h3">
          {t("channels.sms")} <StateTag state={current.smsState} />
        </legend>
        <Checkbox
          id="msg-smsEnabled"
          label={t("channels.fields.smsEnabled")}
          checked={values.smsEnabled}
          onChange={set("smsEnabled")}
        />
        {text("smsUrl", { type: "url", inputMode: "url", hint: t("channels.hints.smsUrl") })}
        {text("smsToken", {
          type: "password",
          autoComplete: "new-password",
          hint: current.hasSmsToken ? t("channels.hints.secretKept") : t("channels.hints.secretNone"),
        })}
        {text("smsSender", { optional: true, hint: t("channels.hints.smsSender") })}
      </fieldset>
      <fieldset>
        <legend className="h3">{t("channels.quietTitle")}</legend>
        <p className="form-hint">{t("channels.hints.quiet")}</p>
        <Checkbox
          id="msg-quiet"
          label={t("channels.fields.quiet")}
          checked={values.quiet}
          onChange={set("quiet")}
        />
        {values.quiet ? (
          <div className="messaging-pair">
            {text("quietFrom", { type: "time", width: "input-width-s" })}
            {text("quietTo", { type: "time", width: "input-width-s" })}
          </div>
        ) : null}
        <SelectField
          id="msg-digestHour"
          label={t("channels.fields.digestHour")}
          hint={t("channels.hints.digestHour")}
          options={Array.from({ length: 24 }, (_, h) => ({
            value: String(h),
            label: `${String(h).padStart(2, "0")}:00`,
          }))}
          value={values.digestHour}
          onChange={set("digestHour")}
          error={errors.digestHour}
        />
        {text("maxAttempts", {
          inputMode: "numeric",
          width: "input-width-xs",
          hint: t("channels.hints.maxAttempts"),
        })}
      </fieldset>
      <div className="button-group">
        <Button type="submit" icon="save" pending={submit.isPending}>
          {tc("common.save")}
        </Button>
      </div>
    </form>
  );
}

function TestMessage() {
  const { t } = useTranslation("messaging");
  const [channel, setChannel] = useState<"email" | "sms">("email");
  const [to, setTo] = useState("");
  const [result, setResult] = useState<TestMessageResult | null>(null);
  const send = useWrite(outboxApi.test, { onSuccess: setResult, onError: () => setResult(null) });
  return (
    <form
      className="mt-6"
      noValidate
      aria-labelledby="msg-test-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        send.mutate({ channel, to: to.trim() });
      }}
    >
      <h3 id="msg-test-heading">{t("channels.test.title")}</h3>
      <p className="form-hint">{t("channels.test.lead")}</p>
      <RadioGroup
        id="msg-test-channel"
        legend={t("channels.test.channel")}
        choices={[
          { value: "email", label: t("channels.email") },
          { value: "sms", label: t("channels.sms") },
        ]}
        value={channel}
        onChange={(v) => setChannel(v as "email" | "sms")}
      />
      <TextField
        id="msg-test-to"
        label={channel === "email" ? t("channels.test.toEmail") : t("channels.test.toPhone")}
        type={channel === "email" ? "email" : "tel"}
        autoComplete="off"
        value={to}
        onChange={setTo}
      />
      <ActionError error={send.error} />
      {result ? (
        result.sent ? (
          <Alert variant="success">{t("channels.test.sent")}</Alert>
        ) : (
          <Alert variant="error">
            {t("channels.test.failed", { reason: t(`outbox.errors.${errorKey(result.error)}`) })}
          </Alert>
        )
      ) : null}
      <div className="button-group">
        <Button type="submit" variant="secondary" icon="send" pending={send.isPending}>
          {t("channels.test.send")}
        </Button>
      </div>
    </form>
  );
}

/** The i18n key of an error code: its family (smtp_refused_550 → smtp_refused). */
export function errorKey(code: string | null): string {
  if (!code) return "unknown";
  if (/^smtp_refused_\d+$/.test(code)) return "smtp_refused";
  if (/^sms_http_\d+$/.test(code)) return "sms_http";
  return KNOWN_ERRORS.has(code) ? code : "unknown";
}
const KNOWN_ERRORS = new Set([
  "smtp_unreachable",
  "smtp_timeout",
  "smtp_auth_failed",
  "smtp_tls_failed",
  "smtp_error",
  "sms_unreachable",
  "sms_timeout",
  "email_disabled",
  "email_not_configured",
  "sms_disabled",
  "sms_not_configured",
  "interrupted",
]);

export function ChannelsSection() {
  const settings = useQuery({
    queryKey: outboxKeys.settings,
    queryFn: ({ signal }) => outboxApi.settings(signal),
  });
  if (settings.isPending) return <Spinner />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <section className="mt-6">
      <SettingsForm current={settings.data} />
      <TestMessage />
    </section>
  );
}
