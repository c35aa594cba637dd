/**
 * One retention rule: period and starting event, what happens then, on/off, the confirmation share
 * (citizen rules), the legal basis, the last run and what it did; and the administrator's actions —
 * preview, run now (asked twice: what is due cannot be restored), change, and confirm or cancel a
 * run that waits because it would touch more than the share of the municipality's citizens.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RetentionRuleView, RetentionRunView } from "../../../shared/api/privacy-retention";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { useFocusWhenOpened } from "../../components/focus";
import { formatDateTime } from "../../format";
import { useWrite } from "../../forms/useWrite";
import { RetentionPreviewPanel } from "./RetentionPreviewPanel";
import { RetentionRuleForm } from "./RetentionRuleForm";
import { retentionApi, retentionKeys } from "./retention-api";
import { periodText } from "./retention-period";

/** The run in words: status and when, who started it, what it did, and why some failed (codes only). */
export function RunSummary({ rule, run }: { rule: RetentionRuleView; run: RetentionRunView }) {
  const { t } = useTranslation("privacy");
  const trigger =
    run.trigger === "manual"
      ? t("retention.trigger.manual", { name: run.startedBy?.displayName ?? "–" })
      : t("retention.trigger.schedule");
  const finished = run.status === "succeeded" || run.status === "partly_failed";
  const codes = Object.keys(run.failures).join(", ");
  return (
    <>
      {t("retention.runLine", {
        status: t(`retention.runStatus.${run.status}`),
        at: formatDateTime(run.finishedAt ?? run.startedAt),
        trigger,
      })}
      {finished ? (
        <>
          {" "}
          {rule.scope === "citizen"
            ? t("retention.done.citizen", {
                processed: run.processed,
                candidates: run.candidates,
                verb: t(`retention.verbs.${rule.operation}`),
              })
            : t("retention.done.rows", { processed: run.processed, candidates: run.candidates })}
        </>
      ) : null}
      {run.failed > 0 || (run.status === "failed" && codes) ? (
        <> {t("retention.failedCount", { count: run.failed, codes })}</>
      ) : null}
    </>
  );
}

type Mode = "view" | "edit" | "confirmRun";

export function RetentionRuleSection({ rule, citizens }: { rule: RetentionRuleView; citizens: number }) {
  const { t } = useTranslation("privacy");
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("view");
  const [preview, setPreview] = useState<{ keepDays?: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: retentionKeys.all });
  const verb = t(`retention.verbs.${rule.operation}`);
  const headingId = `retention-rule-${rule.kind}`;
  const pending = rule.pendingRun;
  // The question replaces the button just pressed: keyboard and screen-reader users land on its answer.
  useFocusWhenOpened(`${headingId}-run-yes`, mode === "confirmRun");

  const after = (message: string) => async () => {
    setNotice(message);
    setMode("view");
    await refresh();
  };
  const run = useWrite((_: object, key: string) => retentionApi.run(rule.id, key), {
    onSuccess: after(t("retention.runConfirm.started")),
  });
  const confirm = useWrite((runId: string, key: string) => retentionApi.confirm(runId, key), {
    onSuccess: after(t("retention.awaiting.confirmed")),
  });
  const cancel = useWrite((runId: string, key: string) => retentionApi.cancel(runId, key), {
    onSuccess: after(t("retention.awaiting.cancelled")),
  });
  const failed = run.error ?? confirm.error ?? cancel.error;

  return (
    <section aria-labelledby={headingId} className="retention-rule">
      <h2 id={headingId}>{rule.title}</h2>
      <dl className="retention-facts">
        <dt>{t("retention.kept")}</dt>
        <dd>
          {t("retention.keptValue", { period: periodText(t, rule.keepDays), event: rule.startingEvent })}
        </dd>
        <dt>{t("retention.then")}</dt>
        <dd>{rule.action}</dd>
        <dt>{t("retention.state")}</dt>
        <dd>{rule.enabled ? t("retention.enabled") : t("retention.disabled")}</dd>
        {rule.scope === "citizen" ? (
          <>
            <dt>{t("retention.confirmShare")}</dt>
            <dd>{t("retention.confirmShareValue", { percent: rule.confirmAbovePercent })}</dd>
          </>
        ) : null}
        <dt>{t("retention.lastRun")}</dt>
        <dd>{rule.lastRun ? <RunSummary rule={rule} run={rule.lastRun} /> : t("retention.noRun")}</dd>
      </dl>
      <details className="details retention-basis">
        <summary className="details-summary">{t("retention.legalBasis")}</summary>
        <div className="details-text">
          <p>{rule.legalBasis}</p>
        </div>
      </details>

      {pending?.status === "awaiting_confirmation" ? (
        <Alert variant="warning" heading={t("retention.awaiting.heading")} headingLevel={3}>
          <p>
            {t("retention.awaiting.text", {
              count: pending.candidates,
              verb,
              percent: rule.confirmAbovePercent,
            })}
          </p>
          <p>{t("retention.awaiting.check")}</p>
          <div className="button-group">
            <Button pending={confirm.isPending} onClick={() => confirm.mutate(pending.id)}>
              {t("retention.awaiting.confirm")}
            </Button>
            <Button variant="secondary" pending={cancel.isPending} onClick={() => cancel.mutate(pending.id)}>
              {t("retention.awaiting.cancel")}
            </Button>
          </div>
        </Alert>
      ) : pending ? (
        <p className="retention-pending" role="status">
          {t("retention.pending", { status: t(`retention.runStatus.${pending.status}`) })}
        </p>
      ) : null}

      {notice ? (
        <Alert variant="success" headingLevel={3}>
          <p>{notice}</p>
        </Alert>
      ) : null}
      {failed ? <ActionError error={failed} /> : null}

      {mode === "edit" ? (
        <RetentionRuleForm
          rule={rule}
          onPreview={(keepDays) => setPreview({ keepDays })}
          onDone={(saved) => {
            setMode("view");
            if (saved) {
              setNotice(t("retention.edit.saved"));
              void refresh();
            }
          }}
        />
      ) : mode === "confirmRun" ? (
        <div className="retention-confirm">
          <p>{t("retention.runConfirm.question", { title: rule.title, verb })}</p>
          <div className="button-group">
            <Button
              id={`${headingId}-run-yes`}
              variant="warning"
              pending={run.isPending}
              onClick={() => run.mutate({})}
            >
              {t("retention.runConfirm.yes")}
            </Button>
            <Button variant="secondary" onClick={() => setMode("view")}>
              {t("retention.runConfirm.no")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-group retention-actions">
          <Button variant="secondary" icon="visibility" onClick={() => setPreview({})}>
            {t("retention.actions.preview")}
          </Button>
          <Button
            variant="secondary"
            icon="sync"
            disabled={!rule.enabled || pending !== null}
            onClick={() => {
              setNotice(null);
              setMode("confirmRun");
            }}
          >
            {t("retention.actions.run")}
          </Button>
          <Button
            variant="tertiary"
            icon="edit"
            onClick={() => {
              setNotice(null);
              setMode("edit");
            }}
          >
            {t("retention.actions.edit")}
          </Button>
        </div>
      )}

      {preview ? (
        <RetentionPreviewPanel
          rule={rule}
          citizens={citizens}
          keepDays={preview.keepDays}
          onClose={() => setPreview(null)}
        />
      ) : null}
    </section>
  );
}
