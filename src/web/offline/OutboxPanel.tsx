/**
 * The phone's queue in full (issue 17 point 1): what waits for a connection, what was sent, and
 * what the server refused — with its reasons and what to do. On "Mine borgere i dag" and on its
 * own page (/afsendelser), which the status line in every page's frame links to.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../components/Alert";
import { useDates } from "../format";
import { useConnected } from "./connection";
import { useOutbox } from "./hooks";
import { dismiss, dismissSent } from "./outbox";
import type { OutboxEntry } from "./store";

export function OutboxPanel({ userId, hideWhenEmpty = false }: { userId: string; hideWhenEmpty?: boolean }) {
  const { t } = useTranslation();
  const entries = useOutbox(userId);
  const connected = useConnected();
  if (!entries) return null;
  if (entries.length === 0)
    return hideWhenEmpty ? null : <p data-testid="outbox-empty">{t("offline.queueEmpty")}</p>;
  const sent = entries.some((e) => e.state === "sent");
  return (
    <section aria-labelledby="outbox-heading" className="outbox" id="afsendelser">
      <h2 id="outbox-heading">{t("offline.queueHeading")}</h2>
      {!connected ? <p>{t("offline.queueOffline")}</p> : null}
      <ul className="card-list" data-testid="outbox">
        {entries.map((entry) => (
          <Entry key={entry.key} entry={entry} />
        ))}
      </ul>
      {sent ? (
        <button type="button" className="button button-secondary" onClick={() => void dismissSent(userId)}>
          {t("offline.clearSent")}
        </button>
      ) : null}
    </section>
  );
}

function Entry({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const dates = useDates();
  const at = (ms: number) => dates.time(new Date(ms).toISOString());
  return (
    <li data-testid="outbox-entry" data-state={entry.state}>
      <h3 className="h4">{entry.citizenName}</h3>
      <p>{entry.summary}</p>
      {entry.state === "waiting" ? (
        <p className="card-meta">
          <span className="status-tag outbox-waiting">{t("offline.stateWaiting")}</span>
          <span>{t("offline.keptAt", { time: at(entry.createdAt) })}</span>
        </p>
      ) : entry.state === "sent" ? (
        <p className="card-meta">
          <span className="status-tag outbox-sent">{t("offline.stateSent")}</span>
          <span>{t("offline.sentAt", { time: at(entry.answeredAt ?? entry.createdAt) })}</span>
        </p>
      ) : (
        <Alert variant="error" heading={t("offline.stateRefused")} headingLevel={3}>
          <p data-testid="refusal-message">{entry.refusal?.message}</p>
          {entry.refusal?.fields.length ? (
            <ul>
              {entry.refusal.fields.map((f) => (
                <li key={f.field}>{f.message ?? f.field}</li>
              ))}
            </ul>
          ) : null}
          <p>{t(`offline.whatToDo.${entry.kind}`)}</p>
          <p>
            <Link to={entry.againPath}>{t(`offline.again.${entry.kind}`)}</Link>
          </p>
          <div className="action-row">
            <button type="button" className="button button-secondary" onClick={() => void dismiss(entry.key)}>
              {t("offline.dismiss")}
            </button>
          </div>
        </Alert>
      )}
    </li>
  );
}
