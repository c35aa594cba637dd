/** Every version of one instrument: offer or withdraw a version, read a definition, publish a changed one. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Button } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { useLocalText } from "../../../i18n/useLocalText";
import { type StoredQuestionnaire, detectionApi, detectionKeys } from "../api";
import { DefinitionView } from "./DefinitionView";
import { PublishForm } from "./PublishForm";

export default function QuestionnaireVersionsPage() {
  const { t } = useTranslation("detection");
  const { key = "" } = useParams();
  const local = useLocalText();
  const dates = useDates();
  const client = useQueryClient();
  const versions = useQuery({
    queryKey: detectionKeys.questionnaireVersions(key),
    queryFn: ({ signal }) => detectionApi.versions(key, signal),
  });
  const [shown, setShown] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (q: StoredQuestionnaire) => detectionApi.setActive(q.id, !q.active),
    onSuccess: () => client.invalidateQueries({ queryKey: ["questionnaires"] }),
  });

  const newest = versions.data?.[0];
  const title = newest ? local(newest.definition.title).text : key;
  return (
    <>
      <div>
        <Link to="/administration/opsporing" className="back-link">
          <Icon name="chevron-left" />
          {t("admin.back")}
        </Link>
      </div>
      <PageHeading title={title}>{title}</PageHeading>
      {versions.isPending ? <Spinner /> : null}
      {versions.error ? <LoadError error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      {toggle.error ? <LoadError error={toggle.error} /> : null}
      {versions.data ? (
        <>
          <h2>{t("admin.versions")}</h2>
          <ul className="card-list">
            {versions.data.map((q) => (
              <li key={q.id} data-testid="questionnaire-version">
                <h3>{t("admin.version", { version: q.version })}</h3>
                <p className="card-meta">
                  <span className={`status-tag ${q.active ? "status-accepted" : "status-rejected"}`}>
                    {q.active ? t("admin.offered") : t("admin.withdrawn")}
                  </span>
                  <span>{dates.dateTime(q.createdAt)}</span>
                </p>
                <div className="card-buttons">
                  <Button
                    variant="secondary"
                    aria-expanded={shown === q.id}
                    onClick={() => setShown(shown === q.id ? null : q.id)}
                  >
                    {shown === q.id ? t("admin.hideDefinition") : t("admin.showDefinition")}
                  </Button>
                  <Button
                    variant="secondary"
                    pending={toggle.isPending && toggle.variables?.id === q.id}
                    onClick={() => toggle.mutate(q)}
                  >
                    {q.active
                      ? t("admin.withdraw", { version: q.version })
                      : t("admin.offer", { version: q.version })}
                  </Button>
                </div>
                {shown === q.id ? <DefinitionView questionnaire={q} /> : null}
              </li>
            ))}
          </ul>
          {newest ? <PublishForm initialJson={JSON.stringify(newest.definition, null, 2)} /> : null}
        </>
      ) : null}
    </>
  );
}
