/**
 * "Min profil" (issue 16, part "digest"): the user's own account — change password, and the section
 * "Notifikationer" where they choose the daily digest by e-mail: the address, on or off, and which
 * of their role's topics it holds. The digest names no citizen (counts and links only), and the page
 * says so, because people will ask.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from "../../../shared/api/messaging-digest";
import { api } from "../../api/client";
import { useCan } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { CheckboxList, RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

const notificationsKey = ["me", "notifications"] as const;

export default function ProfilePage() {
  const { t } = useTranslation("messaging");
  const can = useCan();
  return (
    <div className="row">
      <div className="col-12 col-md-10 col-lg-8">
        <PageHeading title={t("digest.profileTitle")}>{t("digest.profileTitle")}</PageHeading>
        <p>
          <Link to="/skift-adgangskode" className="function-link">
            <Icon name="lock" />
            {t("digest.changePassword")}
          </Link>
        </p>
        {can({ kind: "notifications.own" }) ? <NotificationsSection /> : null}
      </div>
    </div>
  );
}

function NotificationsSection() {
  const { t } = useTranslation("messaging");
  const prefs = useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api.get<NotificationPreferences>("/me/notifications", signal),
  });
  // Here, not in the form: a save gives a new version, which starts the form afresh.
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="notifications-heading" className="mt-7">
      <h2 id="notifications-heading">{t("digest.heading")}</h2>
      <p>{t("digest.intro")}</p>
      <p>{t("digest.privacy")}</p>
      {prefs.isPending ? <Spinner /> : null}
      {prefs.error ? <LoadError error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {/* Keyed by version: a save (or a reload after a conflict) starts the form from what is stored. */}
      {saved ? <Alert variant="success" heading={t("digest.saved")} headingLevel={3} /> : null}
      {prefs.data ? (
        <NotificationsForm key={prefs.data.version} prefs={prefs.data} onSaved={setSaved} />
      ) : null}
    </section>
  );
}

function NotificationsForm({
  prefs,
  onSaved,
}: {
  prefs: NotificationPreferences;
  onSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation("messaging");
  // The form's shared words (field reasons, the unexpected error) are in the default namespace.
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    email: prefs.email ?? "",
    digestEnabled: prefs.digestEnabled,
    muted: prefs.topics.filter((x) => x.muted).map((x) => x.key as string),
    lang: prefs.lang,
  });
  const { values, set, errors } = form;
  const topicsId = "digest-topics";
  const fields: FieldSpec[] = [
    { name: "email", inputId: "digest-email", label: t("digest.email") },
    {
      name: "mutedTopics",
      inputId: prefs.topics[0] ? choiceId(topicsId, prefs.topics[0].key) : topicsId,
      label: t("digest.topics.legend"),
    },
  ];

  const save = useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) =>
      api.put<NotificationPreferences>("/me/notifications", body, crypto.randomUUID()),
    onSuccess: (next) => {
      client.setQueryData(notificationsKey, next);
      onSaved(true);
    },
    onError: (err) => {
      onSaved(false);
      form.failFromServer(err, tc);
      // A save from another tab came first: show what is stored now.
      void client.invalidateQueries({ queryKey: notificationsKey });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSaved(false);
    const email = values.email.trim();
    if (values.digestEnabled && !email) {
      form.fail({ email: t("digest.emailRequired") });
      return;
    }
    const result = validate(
      UpdateNotificationPreferencesBody,
      {
        email: email || null,
        digestEnabled: values.digestEnabled,
        mutedTopics: values.muted,
        lang: values.lang,
        version: prefs.version,
      },
      tc,
    );
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    save.mutate(result.data);
  };

  const hour = String(prefs.digestHour).padStart(2, "0");
  return (
    <>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <form onSubmit={submit} noValidate>
        <div className="form-group-checkbox">
          <input
            type="checkbox"
            className="form-checkbox"
            id="digest-enabled"
            checked={values.digestEnabled}
            onChange={(e) => set("digestEnabled")(e.target.checked)}
            aria-describedby="digest-enabled-hint"
          />
          <label className="form-label" htmlFor="digest-enabled">
            {t("digest.enabled")}
          </label>
          <span className="form-hint" id="digest-enabled-hint">
            {t("digest.enabledHint", { hour: `${hour}.00` })}
          </span>
        </div>
        <TextField
          id="digest-email"
          type="email"
          label={t("digest.email")}
          hint={t("digest.emailHint")}
          value={values.email}
          onChange={set("email")}
          error={errors.email}
          autoComplete="email"
          inputMode="email"
          optional={!values.digestEnabled}
        />
        <RadioGroup
          id="digest-lang"
          legend={t("digest.lang.legend")}
          hint={t("digest.lang.hint")}
          // Each language named in itself, so a reader of the other one finds theirs.
          choices={(["da", "en"] as const).map((l) => ({
            value: l,
            label: <span lang={l}>{t(`digest.lang.${l}`)}</span>,
          }))}
          value={values.lang}
          onChange={(v) => set("lang")(v === "en" ? "en" : "da")}
        />
        {prefs.topics.length === 0 ? (
          <p>{t("digest.noTopics")}</p>
        ) : (
          <CheckboxList
            id={topicsId}
            legend={t("digest.topics.legend")}
            hint={t("digest.topics.hint")}
            choices={prefs.topics.map((x) => ({ value: x.key, label: t(`digest.topics.${x.key}`) }))}
            // A ticked box is a topic received; the API keeps the ones switched off.
            checked={(key) => !values.muted.includes(key)}
            onChange={(key, on) =>
              set("muted")(on ? values.muted.filter((m) => m !== key) : [...values.muted, key])
            }
          />
        )}
        <Button type="submit" pending={save.isPending} className="mt-5">
          {t("digest.save")}
        </Button>
      </form>
    </>
  );
}
