/**
 * Due lists for ambassadors and team leaders: citizens new in home care and never screened,
 * citizens whose last screening is older than the re-screening interval, and referrals
 * waiting longer than N days. Each list is most overdue first and shows its first rows with "Vis
 * flere" (issue 17.4); how many rows is `vis` in the URL, so back and reload keep it.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { adminApi, keys } from "../../api/endpoints";
import { seesDueListsAsAmbassador } from "../../../domain/access-policy";
import { actorOf, useCan, useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { ShowingCount } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { type DueListsData, detectionApi, detectionKeys } from "./api";

type DueCitizen = DueListsData["rescreenDue"][number];

const FIRST_ROWS = 10;
const MORE_ROWS = 25;
const MAX_ROWS = 1000; // DUE_LIST_LIMIT_MAX in shared/api/detection.ts

export default function DueListsPage() {
  const { t } = useTranslation("detection");
  const { data: me } = useMe();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  // An ambassador's list is the district they are ambassador for, and only that one.
  const ambassadorOf = me && seesDueListsAsAmbassador(actorOf(me)) ? me.ambassadorDistrict : null;
  const districtId = ambassadorOf?.id ?? params.get("distrikt") ?? me?.district?.id ?? "";
  const waitParam = params.get("ventet");
  const waitDays = waitParam && /^\d{1,3}$/.test(waitParam) ? Number(waitParam) : undefined;
  const visParam = params.get("vis");
  const limit =
    visParam && /^\d{1,4}$/.test(visParam) ? Math.min(MAX_ROWS, Math.max(1, Number(visParam))) : FIRST_ROWS;
  const [draft, setDraft] = useState({ districtId, wait: waitParam ?? "" });
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
    staleTime: 300_000,
  });
  const due = useQuery({
    queryKey: detectionKeys.due(districtId, waitDays, limit),
    queryFn: ({ signal }) => detectionApi.due(districtId, waitDays, limit, signal),
    placeholderData: keepPreviousData,
  });
  const showMore = () => {
    const next = new URLSearchParams(params);
    next.set("vis", String(Math.min(MAX_ROWS, limit + MORE_ROWS)));
    setParams(next, { replace: true, preventScrollReset: true });
  };

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.districtId) next.set("distrikt", draft.districtId);
    if (/^\d{1,3}$/.test(draft.wait.trim())) next.set("ventet", draft.wait.trim());
    setParams(next);
  }

  const d = due.data;
  const mayScreen = (providerId: string | null) =>
    me
      ? can({
          kind: "screening.create",
          citizen: { municipalityId: me.municipality.id, providerOrganisationId: providerId },
        })
      : false;
  return (
    <>
      <PageHeading title={t("due.title")}>{t("due.title")}</PageHeading>
      <p className="font-lead">{t("due.intro")}</p>
      {ambassadorOf ? (
        <p data-testid="ambassador-district">{t("due.ambassadorFor", { district: ambassadorOf.name })}</p>
      ) : null}
      <form onSubmit={apply} className="filter-bar" aria-label={t("due.filters")}>
        {ambassadorOf ? null : (
          <SelectField
            id="due-district"
            label={t("triage.district")}
            value={draft.districtId}
            onChange={(v) => setDraft((x) => ({ ...x, districtId: v }))}
            emptyOption={me?.district ? t("due.myDistrict") : t("due.allDistricts")}
            options={(districts.data ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        )}
        <TextField
          id="due-wait"
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          label={t("due.waitDays")}
          hint={d ? t("due.waitDaysHint", { days: d.settings.referralWaitDays }) : undefined}
          value={draft.wait}
          onChange={(v) => setDraft((x) => ({ ...x, wait: v }))}
          width="input-width-xs"
          optional
        />
        <Button type="submit" variant="secondary" icon="tune">
          {t("inbox.apply")}
        </Button>
      </form>
      {due.isPending ? <Spinner /> : null}
      {due.error ? <LoadError error={due.error} onRetry={() => void due.refetch()} /> : null}
      {d ? (
        <>
          <CitizenList
            id="due-new"
            heading={t("due.neverScreenedNew", { days: d.settings.newInHomeCareDays })}
            rows={d.neverScreenedNew}
            total={d.totals.neverScreenedNew}
            onMore={showMore}
            mayScreen={mayScreen}
          />
          <CitizenList
            id="due-rescreen"
            heading={t("due.rescreenDue", { months: d.settings.rescreenIntervalMonths })}
            rows={d.rescreenDue}
            total={d.totals.rescreenDue}
            onMore={showMore}
            mayScreen={mayScreen}
          />
          <section aria-labelledby="due-referrals">
            <h2 id="due-referrals">
              {t("due.referralsWaiting", { days: waitDays ?? d.settings.referralWaitDays })} (
              {d.totals.referralsWaiting})
            </h2>
            {d.referralsWaiting.length === 0 ? (
              <p>{t("due.none")}</p>
            ) : (
              <ul className="card-list">
                {d.referralsWaiting.map((r) => (
                  <li key={r.id}>
                    <h3>
                      {can({ kind: "referral.inbox" }) ? (
                        <Link to={`/henvisninger/${r.id}`}>{r.citizenName ?? r.receiptNumber}</Link>
                      ) : (
                        (r.citizenName ?? r.receiptNumber)
                      )}
                    </h3>
                    <p className="card-meta">
                      <span className={`status-tag status-${r.status}`}>{t(`status.${r.status}`)}</span>
                      <span>{t("referral.daysWaiting", { count: r.daysWaiting })}</span>
                      <span>{t("referral.receiptShort", { receipt: r.receiptNumber })}</span>
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <MoreRows shown={d.referralsWaiting.length} total={d.totals.referralsWaiting} onMore={showMore} />
          </section>
        </>
      ) : null}
    </>
  );
}

function CitizenList({
  id,
  heading,
  rows,
  total,
  onMore,
  mayScreen,
}: {
  id: string;
  heading: ReactNode;
  rows: DueCitizen[];
  total: number;
  onMore: () => void;
  mayScreen: (providerId: string | null) => boolean;
}) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {heading} ({total})
      </h2>
      {rows.length === 0 ? (
        <p>{t("due.none")}</p>
      ) : (
        <ul className="card-list">
          {rows.map((r) => (
            <li key={r.citizen.id}>
              <h3>
                <Link to={`/borgere/${r.citizen.id}`}>{r.citizen.name}</Link>
              </h3>
              <p className="card-meta">
                <span>{r.citizen.address}</span>
                {r.citizen.district ? <span>{r.citizen.district.name}</span> : null}
                {r.citizen.provider ? <span>{r.citizen.provider.name}</span> : null}
              </p>
              <p className="card-meta">
                <span>
                  {r.lastScreenedOn
                    ? t("triage.lastScreened", { date: dates.day(r.lastScreenedOn) })
                    : t("triage.neverScreened")}
                </span>
                {r.homeCareSince ? (
                  <span>{t("due.homeCareSince", { date: dates.day(r.homeCareSince) })}</span>
                ) : null}
              </p>
              {mayScreen(r.citizen.provider?.id ?? null) ? (
                <div className="card-buttons">
                  <Link
                    className="button button-secondary"
                    to={`/borgere/${r.citizen.id}/opsporing`}
                    aria-label={t("myDay.fillFormFor", { name: r.citizen.name })}
                  >
                    {t("myDay.fillForm")}
                  </Link>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <MoreRows shown={rows.length} total={total} onMore={onMore} />
    </section>
  );
}

/** "Viser 1–10 af 31" and "Vis flere" under a list that is cut; nothing when all rows are shown. */
function MoreRows({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (shown >= total) return null;
  return (
    <div className="card-buttons">
      <ShowingCount page={1} pageSize={shown} total={total} />
      <MoreButton onMore={onMore} />
    </div>
  );
}

function MoreButton({ onMore }: { onMore: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" onClick={onMore}>
      {t("pagination.showMore")}
    </Button>
  );
}
