/** "Udfyld opsporingsskema" for one citizen: the form, then the saved result and any referral receipt. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires";
import { Alert } from "../../components/Alert";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { RiskBadge } from "../../components/RiskBadge";
import { Spinner } from "../../components/Spinner";
import { useLocalText } from "../../i18n/useLocalText";
import { keptCitizen, noAnswer, useUsableKeptDay } from "../../offline/kept";
import { QueuedNotice } from "../../offline/QueuedNotice";
import { useCitizen } from "../citizens/useCitizen";
import { type ScreeningResult, detectionApi, detectionKeys } from "./api";
import { ScreeningForm } from "./ScreeningForm";

export default function ScreeningFormPage() {
  const { t } = useTranslation("detection");
  const { id = "" } = useParams();
  const [search] = useSearchParams();
  const clipId = search.get("klip");
  const liveCitizen = useCitizen(id);
  const liveQuestionnaires = useQuery({
    queryKey: detectionKeys.questionnaires,
    queryFn: ({ signal }) => detectionApi.questionnaires(signal),
  });
  const [saved, setSaved] = useState<{ result: ScreeningResult; definition: QuestionnaireDefinition } | null>(
    null,
  );
  const [queued, setQueued] = useState<string | null>(null);
  // No signal: a citizen of the kept day can still be screened (issue 17), with the kept instruments.
  const kept = useUsableKeptDay();
  const keptOne = noAnswer(liveCitizen.error) ? keptCitizen(kept, id)?.citizen : undefined;
  const citizen = {
    data: liveCitizen.data ?? keptOne,
    error: keptOne ? null : liveCitizen.error,
    isPending: liveCitizen.isPending && !keptOne,
    refetch: liveCitizen.refetch,
  };
  const keptQuestionnaires =
    keptOne && noAnswer(liveQuestionnaires.error) ? kept?.pack.questionnaires : undefined;
  const questionnaires = {
    data: liveQuestionnaires.data ?? keptQuestionnaires,
    error: keptQuestionnaires ? null : liveQuestionnaires.error,
    isPending: liveQuestionnaires.isPending && !keptQuestionnaires,
    refetch: liveQuestionnaires.refetch,
  };

  const name = citizen.data?.name ?? "";
  return (
    <>
      <div>
        <Link to={`/borgere/${id}`} className="back-link">
          <Icon name="chevron-left" />
          {t("form.backToCitizen")}
        </Link>
      </div>
      <PageHeading title={t("form.title")}>{t("form.title")}</PageHeading>
      {citizen.data ? (
        <p className="font-lead">
          {name} · {citizen.data.address}
        </p>
      ) : null}
      {citizen.error ? <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} /> : null}
      {questionnaires.error ? (
        <LoadError error={questionnaires.error} onRetry={() => void questionnaires.refetch()} />
      ) : null}
      {citizen.isPending || questionnaires.isPending ? <Spinner /> : null}
      {queued ? (
        <QueuedNotice summary={queued} />
      ) : saved ? (
        <SavedResult citizenId={id} result={saved.result} definition={saved.definition} />
      ) : citizen.data && questionnaires.data ? (
        questionnaires.data.length === 0 ? (
          <Alert variant="warning" heading={t("form.noQuestionnaires")} />
        ) : (
          <ScreeningForm
            citizenId={id}
            citizenName={name}
            questionnaires={questionnaires.data}
            clipId={clipId}
            onSaved={(result, definition) => setSaved({ result, definition })}
            onQueued={setQueued}
          />
        )
      ) : null}
    </>
  );
}

function SavedResult({
  citizenId,
  result,
  definition,
}: {
  citizenId: string;
  result: ScreeningResult;
  definition: QuestionnaireDefinition;
}) {
  const { t } = useTranslation("detection");
  const local = useLocalText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const outcome = result.outcome ? definition.outcomes.find((o) => o.key === result.outcome?.key) : undefined;
  const label = outcome
    ? local(outcome.label)
    : { text: result.outcome?.label ?? t("result.unanswered"), lang: result.outcome ? "da" : undefined };
  return (
    <div ref={ref} tabIndex={-1} data-testid="screening-saved">
      <Alert variant="success" heading={t("result.saved")}>
        <p>
          {result.outcome ? <RiskBadge colour={result.outcome.colour} /> : null}{" "}
          <strong lang={label.lang}>{label.text}</strong>
        </p>
        {result.referral ? (
          <>
            <p>{t("result.referralSent")}</p>
            <p>
              {t("result.receipt")}:{" "}
              <span className="receipt-code" data-testid="receipt-number">
                {result.referral.receiptNumber}
              </span>
            </p>
          </>
        ) : (
          <p>
            {result.exclusionReason
              ? t("result.excluded", { reason: t(`exclusion.${result.exclusionReason}`) })
              : result.outcome?.positive
                ? t(`result.noReferral.${result.consent}`)
                : t("result.notPositive")}
          </p>
        )}
        {result.consent === "no" ? <p>{t("result.refusalNote")}</p> : null}
      </Alert>
      <div className="action-row">
        <Link to={`/borgere/${citizenId}`} className="button button-primary">
          {t("result.toCitizen")}
        </Link>
        <Link to="/min-dag" className="button button-secondary">
          {t("result.toMyDay")}
        </Link>
      </div>
    </div>
  );
}
