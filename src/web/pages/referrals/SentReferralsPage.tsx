/** "Sendte henvisninger": what my organisation referred, and what the coordinators answered. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { detectionApi, detectionKeys } from "../detection/api";
import { ReferralCard, referralSubject } from "./ReferralCard";
import { ReplyForm } from "./ReplyForm";

export default function SentReferralsPage() {
  const { t } = useTranslation("detection");
  const sent = useQuery({ queryKey: detectionKeys.sent, queryFn: ({ signal }) => detectionApi.sent(signal) });
  return (
    <>
      <PageHeading title={t("sent.title")}>{t("sent.title")}</PageHeading>
      <p className="font-lead">{t("sent.intro")}</p>
      {sent.isPending ? <Spinner /> : null}
      {sent.error ? <LoadError error={sent.error} onRetry={() => void sent.refetch()} /> : null}
      {sent.data?.length === 0 ? <p>{t("sent.none")}</p> : null}
      {sent.data && sent.data.length > 0 ? (
        <ol className="card-list" aria-label={t("sent.title")}>
          {sent.data.map((r) => (
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
      ) : null}
    </>
  );
}
