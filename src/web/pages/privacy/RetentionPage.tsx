/**
 * "Opbevaring og sletning" (issue 13 points 4 and 6): each retention rule of the municipality with
 * its period, legal basis, on/off, last run and what it did; the administrator changes a rule, sees
 * what it would do (counts, never names), runs it, and confirms a run that touches many citizens.
 * Below, the deletion records. What a DPO is shown to learn how long each kind of data lives.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RetentionRuleList } from "../../../shared/api/privacy-retention";
import { Alert } from "../../components/Alert";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { AdminFrame } from "../admin/AdminFrame";
import { DeletionRecordsSection } from "./DeletionRecordsSection";
import { RetentionRuleSection } from "./RetentionRuleSection";
import { retentionApi, retentionKeys } from "./retention-api";
import "./retention.css";

/** Poll while a run is queued or running (a run awaiting confirmation waits for a person, not for time). */
function polling(data: RetentionRuleList | undefined): number | false {
  const busy = data?.rules.some((r) => r.pendingRun && r.pendingRun.status !== "awaiting_confirmation");
  return busy ? 3000 : false;
}

export default function RetentionPage() {
  const { t } = useTranslation("privacy");
  const rules = useQuery({
    queryKey: retentionKeys.rules,
    queryFn: ({ signal }) => retentionApi.rules(signal),
    refetchInterval: (q) => polling(q.state.data),
  });
  const titles = new Map(rules.data?.rules.map((r) => [r.kind, r.title]) ?? []);

  return (
    <AdminFrame title={t("retention.title")}>
      <p className="font-lead">{t("retention.lead")}</p>
      <Alert variant="info">
        <p>{t("retention.dpoNote")}</p>
      </Alert>
      {rules.isPending ? <Spinner /> : null}
      {rules.isError ? <LoadError error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {rules.data ? (
        <>
          <p>{t("retention.citizensInMunicipality", { count: rules.data.citizensInMunicipality })}</p>
          <nav aria-label={t("retention.jumpLabel")} className="retention-jump">
            <ul>
              {rules.data.rules.map((r) => (
                <li key={r.id}>
                  <a href={`#retention-rule-${r.kind}`}>{r.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {rules.data.rules.map((r) => (
            <RetentionRuleSection key={r.id} rule={r} citizens={rules.data.citizensInMunicipality} />
          ))}
          <DeletionRecordsSection titles={titles} />
        </>
      ) : null}
    </AdminFrame>
  );
}
