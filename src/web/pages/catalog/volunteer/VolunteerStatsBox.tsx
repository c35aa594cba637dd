/**
 * The municipality's share matched by the volunteer centre (Holstebro's figure: 36 referred,
 * 27 matched = 75 %), optionally for a period, with the rest of the answers beside it — the
 * same figures, by the same definitions, as the status report (matches recorded in the period,
 * of which ended).
 */
import { useQuery } from "@tanstack/react-query";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { afproevApi, catalogKeys } from "../api";
import { Facts } from "../ui";
import { useWords } from "../words";

export function VolunteerStatsBox() {
  const w = useWords();
  const { t } = w;
  const stats = useQuery({
    queryKey: catalogKeys.referralStats,
    queryFn: ({ signal }) => afproevApi.referralStats(signal),
  });
  const s = stats.data;
  return (
    <section aria-labelledby="volunteer-stats" className="glance-box" data-testid="volunteer-stats">
      <h2 id="volunteer-stats">{t("volunteerStats.heading")}</h2>
      {stats.isPending ? <Spinner /> : null}
      {stats.error ? <LoadError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {s ? (
        <>
          <p className="catalog-big-number">
            {s.share === null
              ? t("volunteerStats.noData")
              : t("volunteerStats.share", {
                  percent: w.number(s.share, 0),
                  matched: s.matched,
                  referred: s.referred,
                })}
          </p>
          <Facts
            rows={[
              [t("volunteerStats.referred"), s.referred],
              [t("volunteerStats.answered"), s.answered],
              [t("volunteerStats.matched"), s.matched],
              [t("volunteerStats.matchesEnded"), s.matchesEnded],
              [t("volunteerStats.noMatch"), s.noMatch],
              [t("volunteerStats.tooComplex"), s.tooComplex],
              [t("volunteerStats.withdrawn"), s.withdrawn],
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
