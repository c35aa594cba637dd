/**
 * "Beskeder og samtykke" on the citizen's page (issue 16, part "consent"): whether the citizen
 * agreed to SMS or e-mail from the municipality, where, whether reminders come the day before, and
 * whether a relative gets a copy — with every earlier recording below. Staff who keep the register
 * (and the coordinator) record it; the server checks phone numbers and addresses and names the field.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type { MessagingConsentBody } from "../../../shared/api/messaging-consent";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useDates } from "../../format";
import { type MessagingConsent, citizenMessagingApi, citizenMessagingKeys } from "./citizen-api";

type ConsentRecord = MessagingConsent["history"][number];

interface Values {
  consent: boolean;
  channel: string;
  phone: string;
  email: string;
  remindersEnabled: boolean;
  relativeContactId: string;
  relativeChannel: string;
  relativePhone: string;
  relativeEmail: string;
  lang: string;
}

function startValues(current: ConsentRecord | null, citizen: CitizenDetail): Values {
  return {
    consent: current?.consent ?? false,
    channel: current?.channel ?? "sms",
    phone: current?.phone ?? citizen.phone ?? "",
    email: current?.email ?? "",
    remindersEnabled: current?.remindersEnabled ?? true,
    relativeContactId: current?.relative?.id ?? "",
    relativeChannel: current?.relativeChannel ?? "",
    relativePhone: current?.relativePhone ?? "",
    relativeEmail: current?.relativeEmail ?? "",
    lang: current?.lang ?? "da",
  };
}

function ConsentForm({
  citizen,
  current,
  onDone,
}: {
  citizen: CitizenDetail;
  current: ConsentRecord | null;
  onDone: () => void;
}) {
  const { t } = useTranslation("messaging");
  const queryClient = useQueryClient();
  const form = useForm(() => startValues(current, citizen));
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const save = useMutation({
    mutationFn: ({ body, key }: { body: MessagingConsentBody; key: string }) =>
      citizenMessagingApi.recordConsent(citizen.id, body, key),
    onSuccess: (saved) => {
      idempotency.done();
      queryClient.setQueryData(citizenMessagingKeys.consent(citizen.id), saved);
      void queryClient.invalidateQueries({ queryKey: citizenMessagingKeys.messages(citizen.id) });
      onDone();
    },
    onError: (err) => form.failFromServer(err, t),
  });
  const fields: FieldSpec[] = [
    { name: "channel", inputId: "consent-channel", label: t("consent.channel") },
    { name: "phone", inputId: "consent-phone", label: t("consent.phone") },
    { name: "email", inputId: "consent-email", label: t("consent.email") },
    { name: "relativeContactId", inputId: "consent-relative", label: t("consent.relative") },
    { name: "relativeChannel", inputId: "consent-relative-channel", label: t("consent.relativeChannel") },
    { name: "relativePhone", inputId: "consent-relative-phone", label: t("consent.relativePhone") },
    { name: "relativeEmail", inputId: "consent-relative-email", label: t("consent.relativeEmail") },
  ];
  const chooseRelative = (id: string) => {
    const contact = citizen.contacts.find((c) => c.id === id);
    set("relativeContactId")(id);
    if (contact?.phone && !values.relativePhone) set("relativePhone")(contact.phone);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: MessagingConsentBody = {
      consent: values.consent,
      channel: (values.channel || null) as MessagingConsentBody["channel"],
      phone: values.phone.trim() || null,
      email: values.email.trim() || null,
      remindersEnabled: values.remindersEnabled,
      relativeContactId: values.relativeContactId || null,
      relativeChannel: (values.relativeChannel || null) as MessagingConsentBody["relativeChannel"],
      relativePhone: values.relativePhone.trim() || null,
      relativeEmail: values.relativeEmail.trim() || null,
      lang: values.lang as MessagingConsentBody["lang"],
    };
    form.clear();
    save.mutate({ body, key: idempotency.keyFor(body) });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="consent-form-heading" className="mt-5">
      <h3 id="consent-form-heading">{t("consent.formHeading")}</h3>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <Checkbox
        id="consent-consent"
        label={t("consent.consentLabel")}
        hint={t("consent.consentHint")}
        checked={values.consent}
        onChange={set("consent")}
      />
      <SelectField
        id="consent-channel"
        label={t("consent.channel")}
        value={values.channel}
        onChange={set("channel")}
        options={(["sms", "email", "letter"] as const).map((c) => ({
          value: c,
          label: t(`consent.channels.${c}`),
        }))}
        emptyOption={t("consent.channels.none")}
        error={errors.channel}
      />
      <TextField
        id="consent-phone"
        type="tel"
        label={t("consent.phone")}
        hint={t("consent.phoneHint")}
        value={values.phone}
        onChange={set("phone")}
        error={errors.phone}
        optional={values.channel !== "sms"}
        autoComplete="off"
        width="input-width-m"
      />
      <TextField
        id="consent-email"
        type="email"
        label={t("consent.email")}
        value={values.email}
        onChange={set("email")}
        error={errors.email}
        optional={values.channel !== "email"}
        autoComplete="off"
      />
      <Checkbox
        id="consent-reminders"
        label={t("consent.reminders")}
        hint={t("consent.remindersHint")}
        checked={values.remindersEnabled}
        onChange={set("remindersEnabled")}
      />
      <SelectField
        id="consent-relative"
        label={t("consent.relative")}
        hint={citizen.contacts.length === 0 ? t("consent.noContacts") : t("consent.relativeHint")}
        value={values.relativeContactId}
        onChange={chooseRelative}
        options={citizen.contacts.map((c) => ({
          value: c.id,
          label: c.relation ? `${c.name} (${c.relation})` : c.name,
        }))}
        emptyOption={t("consent.noRelative")}
        error={errors.relativeContactId}
        optional
      />
      {values.relativeContactId ? (
        <>
          <SelectField
            id="consent-relative-channel"
            label={t("consent.relativeChannel")}
            value={values.relativeChannel}
            onChange={set("relativeChannel")}
            options={(["sms", "email"] as const).map((c) => ({
              value: c,
              label: t(`consent.channels.${c}`),
            }))}
            emptyOption={t("consent.noCopy")}
            error={errors.relativeChannel}
            optional
          />
          <TextField
            id="consent-relative-phone"
            type="tel"
            label={t("consent.relativePhone")}
            value={values.relativePhone}
            onChange={set("relativePhone")}
            error={errors.relativePhone}
            optional={values.relativeChannel !== "sms"}
            autoComplete="off"
            width="input-width-m"
          />
          <TextField
            id="consent-relative-email"
            type="email"
            label={t("consent.relativeEmail")}
            value={values.relativeEmail}
            onChange={set("relativeEmail")}
            error={errors.relativeEmail}
            optional={values.relativeChannel !== "email"}
            autoComplete="off"
          />
        </>
      ) : null}
      <SelectField
        id="consent-lang"
        label={t("consent.lang")}
        value={values.lang}
        onChange={set("lang")}
        options={[
          { value: "da", label: t("consent.langs.da") },
          { value: "en", label: t("consent.langs.en") },
        ]}
      />
      <div className="button-group mt-5">
        <Button type="submit" pending={save.isPending} icon="check">
          {t("consent.save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("consent.cancel")}
        </Button>
      </div>
    </form>
  );
}

function Current({ consent }: { consent: MessagingConsent }) {
  const { t } = useTranslation("messaging");
  const dates = useDates();
  const c = consent.current;
  if (!c) return <p>{t("consent.none")}</p>;
  const yes = (b: boolean) => t(b ? "consent.yes" : "consent.no");
  const rows: Array<[string, string]> = [
    [t("consent.consentShort"), yes(c.consent)],
    [t("consent.channel"), c.channel ? t(`consent.channels.${c.channel}`) : t("consent.channels.none")],
    [t("consent.phone"), c.phone ?? "–"],
    [t("consent.email"), c.email ?? "–"],
    [t("consent.remindersShort"), yes(c.remindersEnabled)],
    [
      t("consent.relativeCopy"),
      c.relativeChannel && c.relative
        ? t("consent.relativeCopyText", {
            name: c.relative.name ?? t("consent.removedContact"),
            channel: t(`consent.channels.${c.relativeChannel}`),
            to: (c.relativeChannel === "sms" ? c.relativePhone : c.relativeEmail) ?? "–",
          })
        : t("consent.no"),
    ],
    [t("consent.lang"), t(`consent.langs.${c.lang}`)],
    [
      t("consent.recorded"),
      t("consent.recordedText", { when: dates.dateTime(c.recordedAt), who: c.recordedBy?.name ?? "–" }),
    ],
  ];
  return (
    <div className="table--responsive-scroll">
      <table className="table structured-list table-sm-responsive-headers">
        <caption className="sr-only">{t("consent.currentCaption")}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History({ history }: { history: ConsentRecord[] }) {
  const { t } = useTranslation("messaging");
  const dates = useDates();
  const columns: Column<ConsentRecord>[] = [
    {
      key: "at",
      header: t("consent.historyAt"),
      title: t("consent.historyAt"),
      rowHeader: true,
      render: (r) => dates.dateTime(r.recordedAt),
    },
    {
      key: "by",
      header: t("consent.historyBy"),
      title: t("consent.historyBy"),
      render: (r) => r.recordedBy?.name ?? "–",
    },
    {
      key: "consent",
      header: t("consent.consentShort"),
      title: t("consent.consentShort"),
      render: (r) => t(r.consent ? "consent.yes" : "consent.no"),
    },
    {
      key: "channel",
      header: t("consent.channel"),
      title: t("consent.channel"),
      render: (r) =>
        [
          r.channel ? t(`consent.channels.${r.channel}`) : t("consent.channels.none"),
          r.channel === "sms" ? r.phone : r.channel === "email" ? r.email : null,
        ]
          .filter(Boolean)
          .join(": "),
    },
  ];
  return (
    <>
      <h3 className="mt-5">{t("consent.historyHeading")}</h3>
      <Table
        caption={t("consent.historyHeading")}
        captionHidden
        columns={columns}
        rows={history}
        rowKey={(r) => r.id}
        compact
      />
    </>
  );
}

export function ConsentSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("messaging");
  const { data: me } = useMe();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const allowed = !!me && can({ kind: "citizen.messagingConsent", citizen: citizenResource(me, citizen) });
  const consent = useQuery({
    queryKey: citizenMessagingKeys.consent(citizen.id),
    queryFn: ({ signal }) => citizenMessagingApi.consent(citizen.id, signal),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <section aria-labelledby="messaging-consent-heading" className="mt-7">
      <div className="section-title-row">
        <h2 id="messaging-consent-heading">{t("consent.heading")}</h2>
        {consent.data && !editing ? (
          <Button variant="secondary" icon="edit" onClick={() => setEditing(true)}>
            {t(consent.data.current ? "consent.edit" : "consent.record")}
          </Button>
        ) : null}
      </div>
      {consent.isPending ? <Spinner /> : null}
      {consent.isError ? <LoadError error={consent.error} onRetry={() => void consent.refetch()} /> : null}
      {consent.data ? (
        <>
          {consent.data.reachable === "yes" ? (
            <p>{t(`consent.reachableYes.${consent.data.current?.channel ?? "sms"}`)}</p>
          ) : (
            <Alert variant="info" headingLevel={3}>
              <p>{t(`consent.reachable.${consent.data.reachable}`)}</p>
            </Alert>
          )}
          <Current consent={consent.data} />
          {editing ? (
            <ConsentForm citizen={citizen} current={consent.data.current} onDone={() => setEditing(false)} />
          ) : null}
          {consent.data.history.length > 0 ? <History history={consent.data.history} /> : null}
        </>
      ) : null}
    </section>
  );
}
