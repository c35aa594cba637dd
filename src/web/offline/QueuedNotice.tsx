/** What the worker sees when a write went to the phone's queue: kept, and sent by itself later. */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../components/Alert";

export function QueuedNotice({ summary }: { summary: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} data-testid="queued-notice">
      <Alert variant="info" heading={t("offline.queued")}>
        <p>{summary}</p>
        <p>{t("offline.queuedText")}</p>
      </Alert>
      <div className="action-row">
        <Link to="/min-dag" className="button button-primary big-button">
          {t("offline.toMyDay")}
        </Link>
        <Link to="/afsendelser" className="button button-secondary">
          {t("offline.seeQueue")}
        </Link>
      </div>
    </div>
  );
}
