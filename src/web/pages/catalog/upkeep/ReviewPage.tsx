/**
 * "Skal gennemgås": organisations and activities not verified for N months (or never), oldest
 * first. Each can be confirmed right here ("Bekræft oplysninger") or opened to be corrected.
 * Volunteer-centre staff see the entries their centre keeps.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { useCan } from "../../../app/session";
import { SelectField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Pagination } from "../../../components/Pagination";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { catalogApi, catalogKeys } from "../api";
import { BackLink, LastVerified } from "../ui";
import { useWords } from "../words";
import { VerifyButton } from "./EntryUpkeep";

const MONTHS = [3, 6, 12, 24] as const;

export default function ReviewPage() {
  const w = useWords();
  const { t } = w;
  const can = useCan();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get("maaneder"));
  const months = (MONTHS as readonly number[]).includes(raw) ? raw : 12;
  const page = Math.max(1, Number(params.get("side")) || 1);
  const review = useQuery({
    queryKey: catalogKeys.review(months, page),
    queryFn: ({ signal }) => catalogApi.review(months, page, signal),
    placeholderData: keepPreviousData,
  });
  const data = review.data;
  const hrefFor = (n: number) => `/katalog/gennemgang?maaneder=${months}&side=${n}`;
  return (
    <>
      <BackLink to="/katalog">{t("search.title")}</BackLink>
      <PageHeading title={t("review.title")}>{t("review.title")}</PageHeading>
      <p className="font-lead">{t("review.intro")}</p>
      <SelectField
        id="review-months"
        label={t("review.months")}
        value={String(months)}
        onChange={(v) => setParams({ maaneder: v }, { preventScrollReset: true })}
        options={MONTHS.map((m) => ({ value: String(m), label: t("review.monthsOption", { count: m }) }))}
      />
      {data ? (
        <p className="result-count" aria-live="polite" aria-atomic="true">
          {data.total === 0
            ? t("review.none")
            : t("review.count", { count: data.total, cutoff: dates.day(data.cutoff) })}
        </p>
      ) : null}
      {review.isPending ? <Spinner /> : null}
      {review.error ? <LoadError error={review.error} onRetry={() => void review.refetch()} /> : null}
      {data && data.items.length > 0 ? (
        <div
          className={review.isPlaceholderData ? "is-loading" : undefined}
          aria-busy={review.isFetching || undefined}
        >
          <ul className="card-list" data-testid="review-list">
            {data.items.map((e) => (
              <li key={`${e.entityType}-${e.id}`}>
                <h2 className="h3">
                  <Link
                    to={
                      e.entityType === "activity"
                        ? `/katalog/aktiviteter/${e.id}`
                        : `/katalog/foreninger/${e.id}`
                    }
                  >
                    {e.name}
                  </Link>
                </h2>
                <p className="card-meta">
                  <span className="catalog-tag">{w.code("entityType", e.entityType)}</span>
                  {e.organisation ? <span>{e.organisation.name}</span> : null}
                  <span>
                    {t("organisation.lastVerified")}: <LastVerified on={e.lastVerifiedOn} />
                  </span>
                </p>
                {can({ kind: "catalog.edit", managedByOrganisationId: e.managedByOrganisationId }) ? (
                  <div className="card-buttons">
                    <VerifyButton kind={e.entityType} id={e.id} version={e.version} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <Pagination
            page={data.page}
            totalPages={Math.max(1, Math.ceil(data.total / data.pageSize))}
            hrefFor={hrefFor}
          />
        </div>
      ) : null}
    </>
  );
}
