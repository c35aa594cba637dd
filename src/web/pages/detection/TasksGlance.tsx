/**
 * The start page's first box (issue 17 point 3): the task at hand before everything else. A worker
 * sees "Mine borgere i dag" (how many citizens and tasks today, and the way there); a coordinator
 * the new referrals waiting, oldest first. Names and addresses only — never CPR or notes.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { detectionApi, detectionKeys } from "./api";
import { useMyDay } from "./useMyDay";

const SHOWN = 5;

export function MyDayGlance() {
  const { t } = useTranslation("detection");
  const day = useMyDay();
  const citizens = day.data?.citizens ?? [];
  const tasks = citizens.reduce((n, c) => n + c.tasks.length, 0);
  return (
    <section
      aria-labelledby="my-day-glance-heading"
      className="glance-box glance-box-main"
      data-testid="main-task"
    >
      <h2 id="my-day-glance-heading">{t("nav.myDay")}</h2>
      {day.isPending ? <Spinner /> : null}
      {day.error ? <LoadError error={day.error} onRetry={() => void day.refetch()} /> : null}
      {day.data ? (
        <>
          <p>
            {citizens.length === 0
              ? t("home.myDayEmpty")
              : `${t("home.citizens", { count: citizens.length })} · ${t("home.tasks", { count: tasks })}`}
          </p>
          {citizens.length > 0 ? (
            <ul>
              {citizens.slice(0, SHOWN).map(({ citizen }) => (
                <li key={citizen.id}>
                  <Link to={`/borgere/${citizen.id}`}>{citizen.name}</Link>, {citizen.address}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <p>
        <Link to="/min-dag" className="button button-primary big-button">
          {t("home.toMyDay")}
        </Link>
      </p>
    </section>
  );
}

export function NewReferralsGlance() {
  const { t } = useTranslation("detection");
  const inbox = useQuery({
    queryKey: detectionKeys.inbox("new", undefined),
    queryFn: ({ signal }) => detectionApi.inbox("new", undefined, signal),
  });
  const items = inbox.data ?? [];
  return (
    <section
      aria-labelledby="referrals-glance-heading"
      className="glance-box glance-box-main"
      data-testid="main-task"
    >
      <h2 id="referrals-glance-heading">{t("home.referralsHeading")}</h2>
      {inbox.isPending ? <Spinner /> : null}
      {inbox.error ? <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data ? (
        <>
          <p>
            {items.length === 0 ? t("home.referralsNone") : t("home.referralsCount", { count: items.length })}
          </p>
          {items.length > 0 ? (
            <ul>
              {items.slice(0, SHOWN).map((r) => (
                <li key={r.id}>
                  <Link to={`/henvisninger/${r.id}`}>
                    {r.citizen?.name ??
                      r.subjectName ??
                      t("referral.receiptShort", { receipt: r.receiptNumber })}
                  </Link>{" "}
                  – {t("referral.daysWaiting", { count: r.daysWaiting })}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <p>
        <Link to="/henvisninger">{t("home.toInbox")}</Link>
      </p>
    </section>
  );
}

/** The role's main tasks, in the order the role meets them. */
export default function TasksGlance({ worker, coordinator }: { worker: boolean; coordinator: boolean }) {
  return (
    <>
      {worker ? <MyDayGlance /> : null}
      {coordinator ? <NewReferralsGlance /> : null}
    </>
  );
}
