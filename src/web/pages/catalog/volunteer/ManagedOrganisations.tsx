/**
 * The associations the volunteer centre keeps up to date in the catalog, with when each was
 * last checked, and a link to what is due for review.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../../../app/session";
import { Button } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { type OrganisationSummary, catalogApi } from "../api";
import { LastVerified } from "../ui";
import { useWords } from "../words";

/** Every page of the catalog's organisations, narrowed to those this centre manages (the API has no such filter yet). */
async function managedBy(centreId: string, signal?: AbortSignal): Promise<OrganisationSummary[]> {
  const found: OrganisationSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const result = await catalogApi.organisations({ page, pageSize: 100 }, signal);
    found.push(...result.items.filter((o) => o.managedBy?.id === centreId));
    if (page * result.pageSize >= result.total) break;
  }
  // The longest unchecked first: that is the work to do.
  return found.sort((a, b) => (a.lastVerifiedOn ?? "").localeCompare(b.lastVerifiedOn ?? ""));
}

const FIRST = 10;

export function ManagedOrganisations() {
  const w = useWords();
  const { t } = w;
  const { data: me } = useMe();
  const centreId = me?.organisation.id ?? "";
  const list = useQuery({
    queryKey: ["catalog", "organisations", "managed-by", centreId],
    queryFn: ({ signal }) => managedBy(centreId, signal),
    enabled: !!centreId,
  });
  const [all, setAll] = useState(false);
  const shown = all ? list.data : list.data?.slice(0, FIRST);
  return (
    <section aria-labelledby="managed-heading" className="mt-7">
      <h2 id="managed-heading">{t("volunteer.managedHeading")}</h2>
      <p>{t("volunteer.managedIntro")}</p>
      <p>
        <Link to="/katalog/gennemgang" className="function-link">
          <Icon name="checklist" />
          {t("search.review")}
        </Link>
      </p>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.length === 0 ? <p>{t("volunteer.managedNone")}</p> : null}
      {list.data && list.data.length > 0 ? (
        <p className="result-count">{t("volunteer.managedCount", { count: list.data.length })}</p>
      ) : null}
      {shown && shown.length > 0 ? (
        <ul className="card-list" data-testid="managed-organisations">
          {shown.map((o) => (
            <li key={o.id}>
              <h3>
                <Link to={`/katalog/foreninger/${o.id}`}>{o.name}</Link>
              </h3>
              <p className="card-meta">
                <span>{t("organisation.activitiesCount", { count: o.activeActivities })}</span>
                <span>
                  {t("organisation.lastVerified")}: <LastVerified on={o.lastVerifiedOn} />
                </span>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {!all && list.data && list.data.length > FIRST ? (
        <Button variant="secondary" icon="chevron-down" onClick={() => setAll(true)}>
          {t("volunteer.managedAll", { count: list.data.length })}
        </Button>
      ) : null}
    </section>
  );
}
