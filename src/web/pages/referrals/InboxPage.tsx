/** The coordinators' referral inbox: oldest first, filters by status and by days waiting; nothing disappears. */
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { REFERRAL_INBOX_FILTERS } from "../../../domain/vocabulary/referrals";
import { useCan } from "../../app/session";
import { Button, buttonClass } from "../../components/Button";
import { SelectField, TextField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type InboxStatus, detectionApi, detectionKeys } from "../detection/api";
import { ReferralCard, referralSubject } from "./ReferralCard";

export default function InboxPage() {
  const { t } = useTranslation("detection");
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const status = (REFERRAL_INBOX_FILTERS as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as InboxStatus)
    : "open";
  const olderParam = params.get("ventet");
  const olderThanDays = olderParam && /^\d{1,4}$/.test(olderParam) ? Number(olderParam) : undefined;
  const [draft, setDraft] = useState({ status: status as string, older: olderParam ?? "" });
  const inbox = useQuery({
    queryKey: detectionKeys.inbox(status, olderThanDays),
    queryFn: ({ signal }) => detectionApi.inbox(status, olderThanDays, signal),
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.status !== "open") next.set("status", draft.status);
    if (/^\d{1,4}$/.test(draft.older.trim())) next.set("ventet", draft.older.trim());
    setParams(next);
  }

  return (
    <>
      <PageHeading title={t("inbox.title")}>{t("inbox.title")}</PageHeading>
      <p className="font-lead">{t("inbox.intro")}</p>
      {can({ kind: "referral.registerExternal" }) ? (
        <div className="action-row">
          <Link to="/henvisninger/ny" className={buttonClass("secondary")}>
            <Icon name="plus" />
            {t("inbox.register")}
          </Link>
        </div>
      ) : null}
      <form onSubmit={apply} className="filter-bar" aria-label={t("inbox.filters")}>
        <SelectField
          id="inbox-status"
          label={t("inbox.status")}
          value={draft.status}
          onChange={(v) => setDraft((d) => ({ ...d, status: v }))}
          options={REFERRAL_INBOX_FILTERS.map((s) => ({ value: s, label: t(`inboxStatus.${s}`) }))}
        />
        <TextField
          id="inbox-older"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("inbox.olderThan")}
          value={draft.older}
          onChange={(v) => setDraft((d) => ({ ...d, older: v }))}
          width="input-width-xs"
          optional
        />
        <Button type="submit" variant="secondary" icon="tune">
          {t("inbox.apply")}
        </Button>
      </form>
      {inbox.isPending ? <Spinner /> : null}
      {inbox.error ? <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data ? (
        <>
          <p role="status">{t("inbox.count", { count: inbox.data.length })}</p>
          <ol className="card-list" aria-label={t("inbox.listLabel")}>
            {inbox.data.map((r) => (
              <ReferralCard
                key={r.id}
                referral={r}
                title={<Link to={`/henvisninger/${r.id}`}>{referralSubject(r)}</Link>}
              />
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
