/**
 * What a run of the rule would do now (or with a period not yet saved): how many citizens or rows,
 * by category, how many are held back by a restriction, and whether the run would wait for
 * confirmation. Counts only — the API sends no names, and neither does this page.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RetentionRuleView } from "../../../shared/api/privacy-retention";
import { Button } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useFocusWhenOpened } from "../../components/focus";
import { formatDateTime } from "../../format";
import { periodText } from "./retention-period";
import { retentionApi, retentionKeys } from "./retention-api";

export function RetentionPreviewPanel({
  rule,
  citizens,
  keepDays,
  onClose,
}: {
  rule: RetentionRuleView;
  citizens: number;
  keepDays: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation("privacy");
  const headingId = `retention-preview-${rule.kind}`;
  useFocusWhenOpened(headingId);
  const preview = useQuery({
    queryKey: [...retentionKeys.all, "preview", rule.id, keepDays ?? rule.keepDays],
    queryFn: ({ signal }) => retentionApi.preview(rule.id, keepDays, signal),
    // Always now: a preview read a minute ago may already be out of date.
    staleTime: 0,
  });
  const p = preview.data;
  const verb = t(`retention.verbs.${rule.operation}`);
  const categories = p
    ? Object.entries(p.categories).filter(([category, n]) => n > 0 && category !== "citizens")
    : [];

  return (
    <div className="retention-preview" role="region" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {keepDays !== undefined && keepDays !== rule.keepDays
          ? t("retention.preview.withPeriod", { period: periodText(t, keepDays) })
          : t("retention.preview.heading")}
      </h3>
      {preview.isPending ? <Spinner /> : null}
      {preview.isError ? <LoadError error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {p ? (
        <div aria-live="polite">
          <p className="font-lead retention-preview-count">
            {rule.scope === "citizen"
              ? t("retention.preview.citizens", { count: p.candidates, verb })
              : t("retention.preview.rows", { count: p.candidates })}
          </p>
          {categories.length > 0 ? (
            <>
              <p>{t("retention.preview.includes")}:</p>
              <ul>
                {categories.map(([category, n]) => (
                  <li key={category}>
                    {t(`retention.categories.${category}`, { defaultValue: category })}: {n}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.heldBackRestricted > 0 ? (
            <p>{t("retention.preview.heldBack", { count: p.heldBackRestricted })}</p>
          ) : null}
          {p.needsConfirmation ? (
            <p>
              <strong>
                {t("retention.preview.needsConfirmation", {
                  percent: p.confirmAbovePercent,
                  total: citizens,
                })}
              </strong>
            </p>
          ) : null}
          <p className="form-hint">
            {t("retention.preview.cutoff", { at: formatDateTime(p.cutoff) })} {t("retention.preview.noNames")}
          </p>
        </div>
      ) : null}
      <Button variant="tertiary" icon="close" onClick={onClose}>
        {t("retention.preview.close")}
      </Button>
    </div>
  );
}
