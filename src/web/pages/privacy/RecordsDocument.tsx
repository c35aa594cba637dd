/**
 * The records of processing (GDPR art. 30(1), issue 13 point 7) as a readable, printable document:
 * controller, purposes, data subjects, categories of data, recipients, transfers, retention and
 * security, in that order (the article's (a)–(g)). Everything named comes from the API's document,
 * which Broen assembles from the municipality's configuration; the words for its keys are here.
 */
import { useTranslation } from "react-i18next";
import type { RecordsOfProcessing } from "../../../shared/api/privacy-records";
import { Button } from "../../components/Button";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { RecordsRecipients, RecordsRetention, RecordsSecurity, useRetentionTitle } from "./RecordsSections";

type Doc = RecordsOfProcessing;

/** A contact as the administrator wrote it (line breaks kept), or "not filled in yet". */
function Contact({ text }: { text: string | null }) {
  const { t } = useTranslation("privacy");
  return text ? (
    <span className="records-pre">{text}</span>
  ) : (
    <span className="records-missing">{t("records.doc.controller.missing")}</span>
  );
}

export function RecordsDocument({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  const dates = useDates();
  return (
    <article id="records-document" className="records-document" aria-labelledby="records-document-heading">
      <h2 id="records-document-heading" className="records-title">
        {t("records.doc.heading")}
      </h2>
      <p className="records-subtitle">
        {t("records.doc.subtitle", { name: doc.controller.name, code: doc.controller.code })}
      </p>
      <p>{t("records.doc.generated", { when: dates.dateTime(doc.generatedAt) })}</p>
      <p>
        <strong>{t("records.doc.legalNote")}</strong>
      </p>
      <div className="action-row d-print-none">
        <Button icon="print" variant="secondary" onClick={() => window.print()}>
          {t("records.print")}
        </Button>
      </div>
      <Controller doc={doc} />
      <Purposes doc={doc} />
      <Subjects doc={doc} />
      <Categories doc={doc} />
      <RecordsRecipients doc={doc} />
      <section aria-labelledby="records-transfers">
        <h3 id="records-transfers">{t("records.doc.transfers.heading")}</h3>
        <p data-testid="records-transfers">{t("records.doc.transfers.text")}</p>
      </section>
      <RecordsRetention doc={doc} />
      <RecordsSecurity doc={doc} />
    </article>
  );
}

function Controller({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  return (
    <section aria-labelledby="records-controller">
      <h3 id="records-controller">{t("records.doc.controller.heading")}</h3>
      <dl className="fact-list">
        <div>
          <dt>{t("records.doc.controller.name")}</dt>
          <dd>{doc.controller.name}</dd>
        </div>
        <div>
          <dt>{t("records.doc.controller.contact")}</dt>
          <dd>
            <Contact text={doc.controller.controllerContact} />
          </dd>
        </div>
        <div>
          <dt>{t("records.doc.controller.dpo")}</dt>
          <dd data-testid="records-dpo">
            <Contact text={doc.controller.dpoContact} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Purposes({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  const category = (c: string) => t(`records.doc.categories.items.${c}.title`);
  const subject = (s: string) => t(`records.doc.subjects.items.${s}.title`);
  return (
    <section aria-labelledby="records-purposes">
      <h3 id="records-purposes">{t("records.doc.purposes.heading")}</h3>
      {doc.purposes.map((p) => (
        <div key={p.purpose} className="records-item">
          <h4>{t(`records.doc.purposes.items.${p.purpose}.title`)}</h4>
          <p>{t(`records.doc.purposes.items.${p.purpose}.text`)}</p>
          <dl className="fact-list">
            <div>
              <dt>{t("records.doc.purposes.legalBases")}</dt>
              <dd>
                <ul className="records-plain">
                  {p.legalBases.map((b) => (
                    <li key={b}>{t(`records.doc.legalBases.${b}`)}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t("records.doc.purposes.categories")}</dt>
              <dd>{p.categories.map(category).join(", ")}</dd>
            </div>
            <div>
              <dt>{t("records.doc.purposes.subjects")}</dt>
              <dd>{p.subjects.map(subject).join(", ")}</dd>
            </div>
          </dl>
        </div>
      ))}
    </section>
  );
}

function Subjects({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  return (
    <section aria-labelledby="records-subjects">
      <h3 id="records-subjects">{t("records.doc.subjects.heading")}</h3>
      {doc.subjects.map((s) => (
        <div key={s.subject} className="records-item">
          <h4>{t(`records.doc.subjects.items.${s.subject}.title`)}</h4>
          <p>{t(`records.doc.subjects.items.${s.subject}.text`)}</p>
          <p>
            <strong>{t("records.doc.purposes.categories")}:</strong>{" "}
            {s.categories.map((c) => t(`records.doc.categories.items.${c}.title`)).join(", ")}
          </p>
        </div>
      ))}
    </section>
  );
}

function Categories({ doc }: { doc: Doc }) {
  const { t } = useTranslation("privacy");
  const columns: Column<Doc["questionnaires"][number]>[] = [
    {
      key: "title",
      header: t("records.doc.questionnaires.title"),
      title: t("records.doc.questionnaires.title"),
      rowHeader: true,
      render: (q) => q.title,
    },
    {
      key: "version",
      header: t("records.doc.questionnaires.version"),
      title: t("records.doc.questionnaires.version"),
      render: (q) => q.version,
    },
    {
      key: "items",
      header: t("records.doc.questionnaires.items"),
      title: t("records.doc.questionnaires.items"),
      render: (q) => q.items,
    },
    {
      key: "uses",
      header: t("records.doc.questionnaires.uses"),
      title: t("records.doc.questionnaires.uses"),
      render: (q) => q.uses.map((u) => t(`records.doc.questionnaires.use.${u}`)).join(", "),
    },
  ];
  return (
    <section aria-labelledby="records-categories">
      <h3 id="records-categories">{t("records.doc.categories.heading")}</h3>
      {doc.categories.map((c) => (
        <div key={c.category} className="records-item" data-testid={`category-${c.category}`}>
          <h4>{t(`records.doc.categories.items.${c.category}.title`)}</h4>
          {c.sensitivity.length > 0 ? (
            <ul className="records-tags">
              {c.sensitivity.map((s) => (
                <li key={s}>{t(`records.doc.categories.${s}`)}</li>
              ))}
            </ul>
          ) : null}
          <p>{t(`records.doc.categories.items.${c.category}.text`)}</p>
          {c.configured.length > 0 ? (
            <p>
              <strong>{t(`records.doc.categories.configured.${c.category}`)}:</strong>{" "}
              {c.configured.join(", ")}
            </p>
          ) : null}
          <p>
            <strong>{t("records.doc.categories.retention")}:</strong>{" "}
            {c.retention.length > 0 ? (
              <RetentionRefs kinds={c.retention} />
            ) : (
              `${t("records.doc.categories.noRetention")} ${t(`records.doc.categories.items.${c.category}.kept`, { defaultValue: "" })}`
            )}
          </p>
        </div>
      ))}
      <Table
        caption={t("records.doc.questionnaires.caption")}
        columns={columns}
        rows={doc.questionnaires}
        rowKey={(q) => q.key}
        compact
      />
    </section>
  );
}

/** The rules that end a category, each a link to its row in section 7. */
function RetentionRefs({ kinds }: { kinds: readonly string[] }) {
  const titles = useRetentionTitle();
  return (
    <>
      {kinds.map((kind, i) => (
        <span key={kind}>
          {i > 0 ? ", " : null}
          <a href={`#retention-${kind}`}>{titles(kind)}</a>
        </span>
      ))}
    </>
  );
}
