/**
 * The records of processing's sections 5, 7 and 8: recipients (from the municipality's
 * organisations, the consent fields, the evaluator's dataset, the care record's and the messages'
 * channels), retention (the municipality's
 * rules, or the shipped defaults where it has none yet) and the security measures Broen takes.
 */
import { useTranslation } from "react-i18next";
import { isRetentionKind, retentionDefault } from "../../../domain/privacy/retention-defaults";
import { describePeriod } from "../../../domain/privacy/retention-rules";
import type { RecordsOfProcessing } from "../../../shared/api/privacy-records";
import { type Column, Table } from "../../components/Table";

type Doc = RecordsOfProcessing;
type Org = Doc["recipients"]["privateProviders"]["organisations"][number];

/** A retention rule's title in the reader's language (the shipped texts of retention-defaults.ts). */
export function useRetentionTitle() {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "da";
  return (kind: string) => (isRetentionKind(kind) ? retentionDefault(kind)[lang].title : kind);
}

function Organisations({
  organisations,
  none,
  testId,
}: {
  organisations: Org[];
  none: string;
  testId: string;
}) {
  const { t } = useTranslation("privacy");
  if (organisations.length === 0) return <p data-testid={testId}>{none}</p>;
  return (
    <ul data-testid={testId}>
      {organisations.map((o) => (
        <li key={o.name}>
          {o.name}
          {o.active ? null : ` (${t("records.doc.inactive")})`}
        </li>
      ))}
    </ul>
  );
}

export function RecordsRecipients({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  const { volunteerCentres, evaluator, privateProviders, internalUnits, careRecord, messaging } =
    doc.recipients;
  return (
    <section aria-labelledby="records-recipients">
      <h3 id="records-recipients">{t("records.doc.recipients.heading")}</h3>
      <div className="records-item">
        <h4>{t("records.doc.recipients.volunteer.title")}</h4>
        <Organisations
          organisations={volunteerCentres.organisations}
          none={t("records.doc.recipients.volunteer.none")}
          testId="records-volunteer-centres"
        />
        <p>{t("records.doc.recipients.volunteer.text")}</p>
        <p>
          <strong>{t("records.doc.recipients.volunteer.shares")}:</strong>{" "}
          {volunteerCentres.shares.map((f) => t(`catalog:consentField.${f}`)).join(", ")}
        </p>
      </div>
      <div className="records-item">
        <h4>{t("records.doc.recipients.evaluator.title")}</h4>
        <p>{t("records.doc.recipients.evaluator.text", { threshold: evaluator.smallNumberThreshold })}</p>
        <p>{t("records.doc.recipients.evaluator.users", { count: evaluator.users })}</p>
        <p>
          <strong>{t("records.doc.recipients.evaluator.columns")}:</strong>{" "}
          {evaluator.columns.map((c, i) => (
            <span key={c}>
              {i > 0 ? ", " : null}
              <code>{c}</code>
            </span>
          ))}
        </p>
      </div>
      <div className="records-item">
        <h4>{t("records.doc.recipients.private.title")}</h4>
        <Organisations
          organisations={privateProviders.organisations}
          none={t("records.doc.recipients.private.none")}
          testId="records-private-providers"
        />
        <p>{t("records.doc.recipients.private.text")}</p>
      </div>
      <div className="records-item" data-testid="records-care-record">
        <h4>{t("records.doc.recipients.careRecord.title")}</h4>
        <p>{t("records.doc.recipients.careRecord.text")}</p>
        <ul>
          <li>
            {careRecord.source
              ? t(
                  careRecord.source.scheduleEnabled
                    ? "records.doc.recipients.careRecord.sourceScheduled"
                    : "records.doc.recipients.careRecord.source",
                  { host: careRecord.source.host },
                )
              : t("records.doc.recipients.careRecord.noSource")}
          </li>
          <li>
            {careRecord.pushTarget
              ? t(
                  careRecord.pushTarget.enabled
                    ? "records.doc.recipients.careRecord.push"
                    : "records.doc.recipients.careRecord.pushOff",
                  { host: careRecord.pushTarget.host },
                )
              : t("records.doc.recipients.careRecord.noPush")}
          </li>
          <li>
            {careRecord.fhirClients.length === 0
              ? t("records.doc.recipients.careRecord.noClients")
              : t("records.doc.recipients.careRecord.clients", {
                  clients: careRecord.fhirClients.map((c) => `${c.name} (${c.scopes.join(", ")})`).join("; "),
                })}
          </li>
        </ul>
      </div>
      <div className="records-item" data-testid="records-messaging">
        <h4>{t("records.doc.recipients.messaging.title")}</h4>
        <p>{t("records.doc.recipients.messaging.text")}</p>
        <ul>
          <li>
            {messaging.email
              ? t(
                  messaging.email.enabled
                    ? "records.doc.recipients.messaging.email"
                    : "records.doc.recipients.messaging.emailOff",
                  { host: messaging.email.host },
                )
              : t("records.doc.recipients.messaging.noEmail")}
          </li>
          <li>
            {messaging.sms
              ? t(
                  messaging.sms.enabled
                    ? "records.doc.recipients.messaging.sms"
                    : "records.doc.recipients.messaging.smsOff",
                  { host: messaging.sms.host },
                )
              : t("records.doc.recipients.messaging.noSms")}
          </li>
        </ul>
      </div>
      <div className="records-item">
        <h4>{t("records.doc.recipients.internal.title")}</h4>
        <p>{t("records.doc.recipients.internal.text")}</p>
        <Organisations
          organisations={internalUnits.organisations}
          none={t("records.doc.none")}
          testId="records-internal-units"
        />
      </div>
      <div className="records-item">
        <h4>{t("records.doc.recipients.operator.title")}</h4>
        <p>{t("records.doc.recipients.operator.text")}</p>
      </div>
    </section>
  );
}

export function RecordsRetention({ doc }: { doc: Doc }) {
  const { t, i18n } = useTranslation("privacy");
  const lang = i18n.language === "en" ? "en" : "da";
  const title = useRetentionTitle();
  type Rule = Doc["retention"][number];
  const columns: Column<Rule>[] = [
    {
      key: "kind",
      header: t("records.doc.retention.kind"),
      title: t("records.doc.retention.kind"),
      rowHeader: true,
      render: (r) => <span id={`retention-${r.kind}`}>{title(r.kind)}</span>,
    },
    {
      key: "period",
      header: t("records.doc.retention.period"),
      title: t("records.doc.retention.period"),
      render: (r) => {
        const period = describePeriod(r.keepDays);
        return t("records.doc.retention.after", {
          period: t(`records.doc.retention.${period.unit}`, { count: period.count }),
          event: retentionDefault(r.kind)[lang].startingEvent,
        });
      },
    },
    {
      key: "state",
      header: t("records.doc.retention.state"),
      title: t("records.doc.retention.state"),
      render: (r) => t(`records.doc.retention.states.${r.state}`),
    },
    {
      key: "legalBasis",
      header: t("records.doc.retention.legalBasis"),
      title: t("records.doc.retention.legalBasis"),
      className: "records-basis",
      // The shipped text is Danish in the database; an English reader gets its English twin.
      render: (r) => {
        const shipped = retentionDefault(r.kind);
        return r.legalBasis === shipped.da.legalBasis ? shipped[lang].legalBasis : r.legalBasis;
      },
    },
  ];
  return (
    <section id="records-retention-rules" aria-labelledby="records-retention-heading-doc">
      <h3 id="records-retention-heading-doc">{t("records.doc.retention.heading")}</h3>
      <Table
        caption={t("records.doc.retention.caption")}
        captionHidden
        columns={columns}
        rows={doc.retention}
        rowKey={(r) => r.kind}
      />
      <h4>{t("records.doc.retention.withoutRule")}</h4>
      <ul data-testid="records-without-rule">
        {doc.categories
          .filter((c) => c.retention.length === 0)
          .map((c) => (
            <li key={c.category}>
              <strong>{t(`records.doc.categories.items.${c.category}.title`)}:</strong>{" "}
              {t(`records.doc.categories.items.${c.category}.kept`, { defaultValue: "" })}
            </li>
          ))}
      </ul>
      <p className="d-print-none">{t("records.doc.retention.manage")}</p>
    </section>
  );
}

export function RecordsSecurity({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  const s = doc.security;
  const items = [
    t("records.doc.security.items.passwords", {
      algorithm: s.passwordAlgorithm,
      memory: Math.round(s.passwordMemoryKiB / 1024),
      passes: s.passwordPasses,
      min: s.passwordMinLength,
    }),
    t("records.doc.security.items.sessions", { hours: s.sessionLifetimeHours, idle: s.idleMinutesDefault }),
    t("records.doc.security.items.lockout", {
      free: s.lockoutFreeFailures,
      first: s.lockoutFirstDelaySeconds,
      max: Math.round(s.lockoutMaxDelaySeconds / 60),
    }),
    t("records.doc.security.items.roles"),
    t("records.doc.security.items.tenancy"),
    t("records.doc.security.items.audit_trail"),
    t("records.doc.security.items.security_log"),
    t("records.doc.security.items.logs"),
    t(`records.doc.security.items.${s.secureCookies ? "transportOn" : "transportOff"}`),
    t("records.doc.security.items.browser"),
    t("records.doc.security.items.retention"),
    t("records.doc.security.items.at_rest"),
  ];
  return (
    <section aria-labelledby="records-security">
      <h3 id="records-security">{t("records.doc.security.heading")}</h3>
      <ul data-testid="records-security">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </section>
  );
}
