/** One referral in a list: who it is about, status, how long it has waited, source, channel, reason and the last answer. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RiskBadge } from "../../components/RiskBadge";
import { useDates } from "../../format";
import type { ReferralSummary } from "../detection/api";

export function referralSubject(r: ReferralSummary): string {
  return r.citizen?.name ?? r.subjectName ?? "–";
}

export function StatusTag({ status }: { status: ReferralSummary["status"] }) {
  const { t } = useTranslation("detection");
  return <span className={`status-tag status-${status}`}>{t(`status.${status}`)}</span>;
}

export function ReferralCard({
  referral: r,
  title,
  children,
}: {
  referral: ReferralSummary;
  title: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const from = r.fromOrganisation?.name ?? r.referrerName;
  return (
    <li data-testid="referral-card" data-receipt={r.receiptNumber}>
      <h3>{title}</h3>
      <p className="card-meta">
        <StatusTag status={r.status} />
        {r.answered ? <span className="status-tag status-answered">{t("referral.answered")}</span> : null}
        {r.status === "new" || r.status === "info_requested" ? (
          <span>{t("referral.daysWaiting", { count: r.daysWaiting })}</span>
        ) : null}
        <span>{dates.dateTime(r.createdAt)}</span>
        <span>{t("referral.receiptShort", { receipt: r.receiptNumber })}</span>
      </p>
      <p className="card-meta">
        <span>
          {t("referral.source")}: {t(`source.${r.source}`)}
        </span>
        <span>
          {t("referral.channel")}: {t(`channel.${r.channel}`)}
        </span>
        {from ? (
          <span>
            {t("referral.from")}: {from}
          </span>
        ) : null}
        {r.screening ? <RiskBadge colour={r.screening.colour} /> : null}
      </p>
      <p className="reason-text" lang="da">
        {r.reason.length > 300 ? `${r.reason.slice(0, 300)}…` : r.reason}
      </p>
      {r.lastMessage ? (
        <p>
          <strong>{r.answered ? t("referral.reply") : t("referral.lastMessage")}:</strong>{" "}
          <span className="reason-text">{r.lastMessage}</span>
        </p>
      ) : null}
      {children}
    </li>
  );
}
