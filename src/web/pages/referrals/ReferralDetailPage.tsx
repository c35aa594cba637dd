/** One referral: everything known, the full history (who and when), and the coordinator's decision. */
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useCan } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { RiskBadge } from "../../components/RiskBadge";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { type ReferralDetail, detectionApi, detectionKeys } from "../detection/api";
import { DecisionForm } from "./DecisionForm";
import { StatusTag, referralSubject } from "./ReferralCard";

export default function ReferralDetailPage() {
  const { t } = useTranslation("detection");
  const { id = "" } = useParams();
  const can = useCan();
  const referral = useQuery({
    queryKey: detectionKeys.referral(id),
    queryFn: ({ signal }) => detectionApi.referral(id, signal),
  });
  const r = referral.data;
  const registered = (useLocation().state as { registered?: string } | null)?.registered;
  return (
    <>
      <div>
        <Link to="/henvisninger" className="back-link">
          <Icon name="chevron-left" />
          {t("referral.back")}
        </Link>
      </div>
      <PageHeading title={r ? `${t("referral.title")}: ${referralSubject(r)}` : t("referral.title")}>
        {r ? `${t("referral.title")}: ${referralSubject(r)}` : t("referral.title")}
      </PageHeading>
      {registered ? <Alert variant="success" heading={t("register.done", { receipt: registered })} /> : null}
      {referral.isPending ? <Spinner /> : null}
      {referral.error ? <LoadError error={referral.error} onRetry={() => void referral.refetch()} /> : null}
      {r ? (
        <>
          <Facts referral={r} />
          {r.courseId ? (
            <p>
              <Link
                to={`/forloeb/${r.courseId}`}
                className="button button-primary"
                data-testid="go-to-course"
              >
                {t("referral.goToCourse")}
              </Link>
            </p>
          ) : null}
          <History referral={r} />
          {can({ kind: "referral.decide" }) ? <DecisionForm referral={r} /> : null}
        </>
      ) : null}
    </>
  );
}

function Facts({ referral: r }: { referral: ReferralDetail }) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const rows: Array<[string, ReactNode]> = [
    [t("referral.status"), <StatusTag key="s" status={r.status} />],
    [t("referral.receipt"), r.receiptNumber],
    [
      t("referral.received"),
      `${dates.dateTime(r.createdAt)} (${t("referral.daysWaiting", { count: r.daysWaiting })})`,
    ],
    [t("referral.source"), t(`source.${r.source}`)],
    [t("referral.channel"), t(`channel.${r.channel}`)],
    [
      t("referral.citizen"),
      r.citizen ? (
        <span key="c">
          <Link to={`/borgere/${r.citizen.id}`}>{r.citizen.name}</Link> · {r.citizen.cprMasked} ·{" "}
          {r.citizen.address}
        </span>
      ) : (
        t("referral.notLinked")
      ),
    ],
  ];
  if (!r.citizen || r.subjectName) {
    rows.push(
      [t("referral.subjectName"), r.subjectName ?? "–"],
      [t("referral.subjectAddress"), r.subjectAddress ?? "–"],
      [t("referral.subjectPhone"), r.subjectPhone ?? "–"],
    );
  }
  rows.push([
    t("referral.from"),
    [r.fromOrganisation?.name, r.referrerName].filter(Boolean).join(", ") || "–",
  ]);
  // How to reach the worker who sent it from Broen (to ask, or to thank).
  if (r.referringWorker) {
    const w = r.referringWorker;
    rows.push([
      t("referral.referringWorker"),
      <span key="w" data-testid="referring-worker">
        {w.name} · {w.organisation} ·{" "}
        {w.phone ? <a href={`tel:${w.phone.replaceAll(" ", "")}`}>{w.phone}</a> : t("referral.noPhone")}
      </span>,
    ]);
  } else rows.push([t("referral.referrerContact"), r.referrerContact ?? "–"]);
  if (r.screening) rows.push([t("referral.screening"), <RiskBadge key="b" colour={r.screening.colour} />]);
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="sr-only">
        {t("referral.facts")}
      </h2>
      <dl className="fact-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t("referral.reason")}</dt>
          <dd className="reason-text" lang="da">
            {r.reason}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function History({ referral: r }: { referral: ReferralDetail }) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("referral.history")}</h2>
      <ol className="history-list" data-testid="referral-history">
        {r.events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <p className="mb-0">
              <strong>
                {e.action === "reply"
                  ? t("referral.eventReply")
                  : e.fromStatus
                    ? t("referral.event", {
                        from: t(`status.${e.fromStatus}`),
                        to: t(`status.${e.toStatus}`),
                      })
                    : t("referral.eventCreated")}
              </strong>
            </p>
            <p className="card-meta">
              <span>{dates.dateTime(e.at)}</span>
              <span>{e.actor?.name ?? t("referral.publicForm")}</span>
            </p>
            {e.message ? <p className="reason-text">{e.message}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
