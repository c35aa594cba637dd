/**
 * "Indsigt": everything Broen holds about one citizen (GDPR art. 15) as a readable document in large
 * type, to print (or save as PDF) and hand to the citizen — one heading per category, "Ingen
 * oplysninger" where there is nothing. Opened from the citizen's data-protection page; the same
 * answer downloads as a JSON file. Fetching it is an export on the citizen's audit trail, so the page
 * fetches it once and drops it when left.
 */
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ACCESS_EXPORT_CATEGORIES, type AccessExport } from "../../../shared/api/privacy-access";
import { citizenResource, RequireCan, useMe } from "../../app/session";
import { Button, buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useCitizen } from "../citizens/useCitizen";
import { accessExportApi, accessExportKeys } from "./access-export-api";
import { courseCategories } from "./access-export-course-parts";
import { messagingCategories } from "./access-export-messaging-parts";
import { consentCategories } from "./access-export-consent-parts";
import { CitizenFacts, registerCategories, useExportFormat } from "./access-export-parts";
import "./access-export.css";

function Document({ doc }: { doc: AccessExport }) {
  const f = useExportFormat();
  const { t } = f;
  const parts: Record<string, ReactNode> = {
    citizen: <CitizenFacts doc={doc} f={f} />,
    ...registerCategories(doc, f),
    ...courseCategories(doc, f),
    ...messagingCategories(doc, f),
    ...consentCategories(doc, f),
  };
  const count = (c: (typeof ACCESS_EXPORT_CATEGORIES)[number]) => (c === "citizen" ? 1 : doc[c].length);
  return (
    <article className="access-document" aria-labelledby="access-heading" data-testid="access-document">
      <p>{t("access.page.intro", { municipality: doc.municipality })}</p>
      <p>
        {t("access.page.produced", {
          when: f.at(doc.producedAt),
          by: f.staff(doc.producedBy),
        })}
      </p>
      <nav aria-labelledby="access-contents" className="access-contents d-print-none">
        <h2 id="access-contents">{t("access.page.contents")}</h2>
        <ul>
          {ACCESS_EXPORT_CATEGORIES.map((c) => (
            <li key={c}>
              <a href={`#access-${c}`}>{t(`access.categories.${c}`)}</a>
              {c !== "citizen" ? ` (${count(c)})` : null}
            </li>
          ))}
        </ul>
      </nav>
      {ACCESS_EXPORT_CATEGORIES.map((c) => (
        <section
          key={c}
          id={`access-${c}`}
          aria-labelledby={`access-${c}-heading`}
          className="access-category"
        >
          <h2 id={`access-${c}-heading`}>{t(`access.categories.${c}`)}</h2>
          {count(c) > 0 ? parts[c] : <p className="access-empty">{t("access.page.empty")}</p>}
        </section>
      ))}
    </article>
  );
}

function Body({ citizenId }: { citizenId: string }) {
  const document = useQuery({
    queryKey: accessExportKeys.document(citizenId),
    queryFn: ({ signal }) => accessExportApi.get(citizenId, signal),
    // Each fetch is logged as an export: fetch once, never again behind the user's back, and keep
    // no copy of everything about a person in memory once the page is left.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
  if (document.isPending) return <Spinner />;
  if (document.isError) return <LoadError error={document.error} onRetry={() => void document.refetch()} />;
  return <Document doc={document.data} />;
}

export default function AccessExportPage() {
  const { t } = useTranslation("privacy");
  const { id = "" } = useParams();
  const { data: me } = useMe();
  const citizen = useCitizen(id);
  if (citizen.isPending) return <Spinner />;
  if (citizen.isError) return <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} />;
  const c = citizen.data;
  if (!me) return null;
  return (
    <RequireCan action={{ kind: "citizen.accessExport", citizen: citizenResource(me, c) }}>
      <div className="access-page">
        <div className="d-print-none">
          <Link to={`/borgere/${c.id}/databeskyttelse`} className="back-link">
            <Icon name="chevron-left" />
            {t("access.page.back")}
          </Link>
        </div>
        <PageHeading title={t("access.page.title", { name: c.name })}>
          <span id="access-heading">{t("access.page.heading", { name: c.name })}</span>
        </PageHeading>
        <div className="action-row d-print-none">
          <Button icon="print" onClick={() => window.print()}>
            {t("access.page.print")}
          </Button>
          <a href={accessExportApi.fileUrl(c.id)} className={buttonClass("secondary")} download>
            <Icon name="download" />
            {t("access.page.download")}
          </a>
        </div>
        <p className="d-print-none">{t("access.page.logged")}</p>
        <Body citizenId={c.id} />
      </div>
    </RequireCan>
  );
}
