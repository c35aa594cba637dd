/**
 * "Sendte henvisninger": what my organisation referred, and what the coordinators answered. Paged
 * on the server, newest first; the default shows the open ones (still with the coordinators or
 * waiting for our answer), the status and page live in the URL (issue 17.4).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { REFERRAL_INBOX_FILTERS } from "../../../domain/vocabulary/referrals";
import { SelectField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Pagination, ShowingCount } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { type InboxStatus, detectionApi, detectionKeys } from "../detection/api";
import { ReferralCard, referralSubject } from "./ReferralCard";
import { ReplyForm } from "./ReplyForm";

const PAGE_SIZE = 25;

export default function SentReferralsPage() {
  const { t } = useTranslation("detection");
  const [params, setParams] = useSearchParams();
  const status = (REFERRAL_INBOX_FILTERS as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as InboxStatus)
    : "open";
  const page = Math.max(1, Math.min(100_000, Number(params.get("side")) || 1));
  const sent = useQuery({
    queryKey: detectionKeys.sentPage(status, page),
    queryFn: ({ signal }) => detectionApi.sentPage(status, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const setStatus = (value: string) => {
    const next = new URLSearchParams();
    if (value !== "open") next.set("status", value);
    setParams(next, { replace: true });
  };
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("side", String(p));
    return `?${next.toString()}`;
  };
  const d = sent.data;
  return (
    <>
      <PageHeading title={t("sent.title")}>{t("sent.title")}</PageHeading>
      <p className="font-lead">{t("sent.intro")}</p>
      <div className="filter-row">
        <SelectField
          id="sent-status"
          label={t("inbox.status")}
          value={status}
          onChange={setStatus}
          options={REFERRAL_INBOX_FILTERS.map((s) => ({ value: s, label: t(`inboxStatus.${s}`) }))}
        />
      </div>
      {sent.isPending ? <Spinner /> : null}
      {sent.error ? <LoadError error={sent.error} onRetry={() => void sent.refetch()} /> : null}
      {d?.total === 0 ? <p>{status === "all" ? t("sent.none") : t("sent.noneWithStatus")}</p> : null}
      {d && d.items.length > 0 ? (
        <>
          <ShowingCount page={d.page} pageSize={d.pageSize} total={d.total} />
          <ol className="card-list" aria-label={t("sent.title")}>
            {d.items.map((r) => (
              <ReferralCard
                key={r.id}
                referral={r}
                title={
                  r.citizen ? (
                    <Link to={`/borgere/${r.citizen.id}`}>{referralSubject(r)}</Link>
                  ) : (
                    referralSubject(r)
                  )
                }
              >
                {!r.lastMessage && (r.status === "accepted" || r.status === "rejected") ? (
                  <p>{t(`sent.answer.${r.status}`)}</p>
                ) : null}
                {r.status === "new" ? <p>{r.answered ? t("sent.answered") : t("sent.waiting")}</p> : null}
                {/* Kept mounted once answered, so the confirmation survives the list's refetch. */}
                {r.canReply || r.answered ? <ReplyForm referral={r} /> : null}
              </ReferralCard>
            ))}
          </ol>
          <Pagination page={d.page} totalPages={Math.ceil(d.total / d.pageSize)} hrefFor={hrefFor} />
        </>
      ) : null}
    </>
  );
}
