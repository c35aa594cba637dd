/**
 * The citizens whose processing is restricted now (GDPR art. 18, issue 13 point 2). The register
 * and every work list hide them, so this is where the administrator finds them — each links to
 * the citizen's data-protection page, where the restriction is lifted. Reading it is logged.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../app/session";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useDates } from "../../format";
import { rightsApi, rightsKeys } from "./rights-api";

export function RestrictedCitizensSection() {
  const { t } = useTranslation("privacy");
  const can = useCan();
  const allowed = can({ kind: "citizen.restrictedList" });
  const dates = useDates();
  const list = useQuery({
    queryKey: rightsKeys.restricted,
    queryFn: ({ signal }) => rightsApi.restricted(signal),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <section id="records-restricted" className="d-print-none mt-8" aria-labelledby="restricted-heading">
      <h2 id="restricted-heading">{t("rights.restricted.heading")}</h2>
      <p>{t("rights.restricted.lead")}</p>
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t("rights.restricted.none")}</p>
        ) : (
          <div data-testid="restricted-citizens">
            <Table
              caption={t("rights.restricted.heading")}
              captionHidden
              compact
              rows={list.data.items}
              rowKey={(r) => r.citizen.id}
              columns={[
                {
                  key: "citizen",
                  header: t("rights.restricted.columns.citizen"),
                  title: t("rights.restricted.columns.citizen"),
                  rowHeader: true,
                  render: (r) => (
                    <Link to={`/borgere/${r.citizen.id}/databeskyttelse`}>{r.citizen.name}</Link>
                  ),
                },
                {
                  key: "since",
                  header: t("rights.restricted.columns.since"),
                  title: t("rights.restricted.columns.since"),
                  render: (r) => (
                    <>
                      <span className="text-nowrap">{dates.dateTime(r.restrictedAt)}</span>
                      {r.restrictedBy ? (
                        <span className="d-block small-text">{r.restrictedBy.name}</span>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: "reason",
                  header: t("rights.restricted.columns.reason"),
                  title: t("rights.restricted.columns.reason"),
                  render: (r) => r.reason,
                },
              ]}
            />
          </div>
        )
      ) : null}
    </section>
  );
}
