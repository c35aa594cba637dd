/**
 * Keeping one entry up to date, shared by the activity and the organisation page: "Bekræft
 * oplysninger" (last verified becomes today; sends the version shown, so a stale page gets a
 * 409 and the newest entry), and the history of every recorded change.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CatalogEntityType } from "../../../../domain/vocabulary/catalog";
import { useCan } from "../../../app/session";
import { ActionError } from "../../../components/ActionError";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { useWrite } from "../../../forms/useWrite";
import { type CatalogChange, catalogApi, catalogKeys } from "../api";
import { useWords } from "../words";

type Kind = CatalogEntityType;

export function VerifyButton({ kind, id, version }: { kind: Kind; id: string; version: number }) {
  const { t } = useTranslation("catalog");
  const client = useQueryClient();
  // Success shows the new date; a 409 (someone changed it first) shows the newest entry.
  const verify = useWrite(
    (v: number, key): Promise<unknown> =>
      kind === "activity" ? catalogApi.verifyActivity(id, v, key) : catalogApi.verifyOrganisation(id, v, key),
    { onSettled: () => void client.invalidateQueries({ queryKey: ["catalog"] }) },
  );
  return (
    <>
      <Button
        variant="secondary"
        icon="check"
        pending={verify.isPending}
        onClick={() => verify.mutate(version)}
      >
        {t("verify.button")}
      </Button>
      {verify.isSuccess ? <Alert variant="success" heading={t("verify.done")} headingLevel={3} /> : null}
      {verify.error ? <ActionError error={verify.error} /> : null}
    </>
  );
}

/** A value of a change in words: lists joined, objects summarised, nothing as "–". */
function valueText(value: unknown, w: ReturnType<typeof useWords>): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return w.t(value ? "common.yes" : "common.no");
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.length === 0
      ? "–"
      : value.every((v) => typeof v === "string" || typeof v === "number")
        ? value.join(", ")
        : w.t("history.changedValue");
  return w.t("history.changedValue");
}

/**
 * The history names the staff who edited an entry, so the server lets only those who keep the
 * catalog read it; the page asks the same policy and neither fetches nor shows it for the others
 * (before, six of nine roles got a "no access" box on every entry).
 */
export function ChangeHistory({ entityId }: { entityId: string }) {
  const can = useCan();
  return can({ kind: "catalog.history" }) ? <ChangeList entityId={entityId} /> : null;
}

function ChangeList({ entityId }: { entityId: string }) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const changes = useQuery({
    queryKey: catalogKeys.changes(entityId),
    queryFn: ({ signal }) => catalogApi.changes(entityId, signal),
  });
  return (
    <section aria-labelledby="catalog-history" className="mt-7">
      <h2 id="catalog-history">{t("history.heading")}</h2>
      {changes.isPending ? <Spinner /> : null}
      {changes.error ? <LoadError error={changes.error} onRetry={() => void changes.refetch()} /> : null}
      {changes.data?.length === 0 ? <p>{t("history.none")}</p> : null}
      {changes.data && changes.data.length > 0 ? (
        <ol className="history-list" data-testid="catalog-history">
          {changes.data.map((c: CatalogChange) => (
            <li key={c.id}>
              <p className="mb-0">
                <strong>{w.code("changeAction", c.action)}</strong>
              </p>
              <p className="card-meta">
                <span>{dates.dateTime(c.at)}</span>
                <span>{c.actor?.name ?? t("history.system")}</span>
              </p>
              {Object.keys(c.changes).length > 0 ? (
                <ul className="catalog-changes">
                  {Object.entries(c.changes).map(([field, { from, to }]) => (
                    <li key={field}>
                      {t("history.change", {
                        field: w.code("field", field),
                        from: valueText(from, w),
                        to: valueText(to, w),
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
