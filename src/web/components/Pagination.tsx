/** DKFDS pagination with real links (the page is part of the URL, so back and reload work). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "./Button";
import { Icon } from "./Icon";

type Item = { kind: "page"; page: number } | { kind: "gap"; key: string };

/** 1 … 4 5 6 … 20: at most seven slots, like the DKFDS template. */
export function pageItems(current: number, total: number): Item[] {
  const pages = (from: number, to: number): Item[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ kind: "page", page: from + i }));
  if (total <= 7) return pages(1, total);
  if (current < 5) return [...pages(1, 5), { kind: "gap", key: "end" }, { kind: "page", page: total }];
  if (current + 4 > total)
    return [{ kind: "page", page: 1 }, { kind: "gap", key: "start" }, ...pages(total - 4, total)];
  return [
    { kind: "page", page: 1 },
    { kind: "gap", key: "start" },
    ...pages(current - 1, current + 1),
    { kind: "gap", key: "end" },
    { kind: "page", page: total },
  ];
}

/** "Viser 26–50 af 132": where the reader is in a paged list (live, so a page change is announced). */
export function ShowingCount({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  return (
    <p aria-live="polite" data-testid="showing-count">
      {t("pagination.showing", { first, last, total })}
    </p>
  );
}

/** `state` rides along on every link: what a page keeps out of its URL (the register's search term). */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  state,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  state?: unknown;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  const hidden = (cond: boolean) => (cond ? " hidden" : "");
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <Link to={hrefFor(1)} state={state} className={`button button-arrow button-first${hidden(page === 1)}`}>
        <Icon name="first-page" />
        <span className="sr-only">{t("pagination.first")}</span>
      </Link>
      <Link
        to={hrefFor(page - 1)}
        state={state}
        className={`button button-arrow button-previous${hidden(page === 1)}`}
        aria-label={t("pagination.previousPage")}
      >
        <Icon name="chevron-left" />
        <span className="pagination-nav-link">{t("pagination.previous")}</span>
      </Link>
      <span className="pagination-mobile">{t("pagination.pageOf", { page, total: totalPages })}</span>
      <ul className="pagination__items">
        {pageItems(page, totalPages).map((item) =>
          item.kind === "gap" ? (
            <li key={item.key} className="pagination-item pagination-overflow">
              <span className="sr-only">{t("pagination.gap")}</span>
              <span aria-hidden="true">…</span>
            </li>
          ) : (
            <li key={item.page} className="pagination-item pagination-number">
              <Link
                to={hrefFor(item.page)}
                state={state}
                className={item.page === page ? "button current-page" : "button button-secondary"}
                aria-label={t("pagination.page", { page: item.page })}
                aria-current={item.page === page ? "page" : undefined}
              >
                {item.page}
              </Link>
            </li>
          ),
        )}
      </ul>
      <Link
        to={hrefFor(page + 1)}
        state={state}
        className={`button button-arrow button-next${hidden(page === totalPages)}`}
        aria-label={t("pagination.nextPage")}
      >
        <span className="pagination-nav-link">{t("pagination.next")}</span>
        <Icon name="chevron-right" />
      </Link>
      <Link
        to={hrefFor(totalPages)}
        state={state}
        className={`button button-arrow button-last${hidden(page === totalPages)}`}
      >
        <Icon name="last-page" />
        <span className="sr-only">{t("pagination.last")}</span>
      </Link>
    </nav>
  );
}

/**
 * Previous / next buttons for a list whose page lives in the component's state, not the URL (a
 * panel inside an administration page: an import's rows, the deliveries). Nothing when one page.
 */
export function PageButtons({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  return (
    <div className="button-group">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("pagination.previous")}
      </Button>
      <span>{t("pagination.pageOf", { page, total: totalPages })}</span>
      <Button variant="secondary" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
        {t("pagination.next")}
      </Button>
    </div>
  );
}
