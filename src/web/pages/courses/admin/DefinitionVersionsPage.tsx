/** Every version of one guide or catalogue: read any version's document, publish a changed one. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Button } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { NotFoundPage } from "../../NotFoundPage";
import { courseKeys, coursesApi } from "../api";
import { CoursesAdminFrame } from "./CoursesAdminFrame";
import { EDITABLE_KINDS, useDefinitionTitle } from "./DefinitionsPage";
import { JsonPublishForm } from "./JsonPublishForm";

type EditableKind = (typeof EDITABLE_KINDS)[number];

export default function DefinitionVersionsPage() {
  const { kind = "", key = "" } = useParams();
  if (!(EDITABLE_KINDS as readonly string[]).includes(kind)) return <NotFoundPage />;
  return <Versions kind={kind as EditableKind} definitionKey={key} />;
}

function Versions({ kind, definitionKey }: { kind: EditableKind; definitionKey: string }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const title = useDefinitionTitle();
  const versions = useQuery({
    queryKey: courseKeys.definitionVersions(kind, definitionKey),
    queryFn: ({ signal }) => coursesApi.definitionVersions(kind, definitionKey, signal),
  });
  const [shown, setShown] = useState<string | null>(null);
  const newest = versions.data?.[0];
  const heading = newest ? title(newest) : definitionKey;
  return (
    <CoursesAdminFrame title={heading}>
      <div>
        <Link to="/administration/forloeb/definitioner" className="back-link">
          <Icon name="chevron-left" />
          {t("admin.backToDefinitions")}
        </Link>
      </div>
      {versions.isPending ? <Spinner /> : null}
      {versions.error ? <LoadError error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      {versions.data ? (
        <>
          <h2>{t("admin.versions")}</h2>
          <ul className="card-list">
            {versions.data.map((d) => (
              <li key={d.id} data-testid="definition-version">
                <h3>{t("admin.versionN", { version: d.version })}</h3>
                <p className="card-meta">
                  <span className={`status-tag ${d.active ? "status-accepted" : "status-rejected"}`}>
                    {d.active ? t("admin.inUse") : t("admin.replaced")}
                  </span>
                  <span>{dates.dateTime(d.createdAt)}</span>
                </p>
                <Button
                  variant="secondary"
                  aria-expanded={shown === d.id}
                  onClick={() => setShown(shown === d.id ? null : d.id)}
                >
                  {shown === d.id ? t("admin.hide") : t("admin.show")}
                </Button>
                {shown === d.id ? (
                  <pre className="pre-block">{JSON.stringify(d.definition, null, 2)}</pre>
                ) : null}
              </li>
            ))}
          </ul>
          {newest ? (
            <JsonPublishForm
              key={newest.id}
              kind={kind}
              fixedKey={definitionKey}
              initialJson={JSON.stringify(newest.definition, null, 2)}
              heading={t("admin.publishVersion")}
            />
          ) : null}
        </>
      ) : null}
    </CoursesAdminFrame>
  );
}
