/**
 * Small pieces the catalog pages share: the frame of a page showing one entry (back link,
 * heading, loading, error), the frame of a form page that adds or edits one, a definition list of facts, the
 * accessibility features as a list with a check mark (never colour alone), theme tags, and the
 * "last verified" date with a warning when the entry is due for review.
 */
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DEFAULT_REVIEW_MONTHS } from "../../../shared/api/catalog";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { todayInCopenhagen, useDates } from "../../format";
import { ForbiddenPage } from "../ForbiddenPage";
import { useWords } from "./words";
import "./catalog.css";

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <div className="d-print-none">
      <Link to={to} className="back-link">
        <Icon name="chevron-left" />
        {children}
      </Link>
    </div>
  );
}

type Back = [to: string, label: string];

/** A page about one fetched thing: back link, heading, a notice, loading and errors, then the body. */
export function QueryPage<T>({
  back,
  title,
  query,
  notice,
  children,
}: {
  back: Back;
  title: string;
  query: UseQueryResult<T>;
  notice?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      <BackLink to={back[0]}>{back[1]}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      {notice}
      {query.isFetching && !query.data ? <Spinner /> : null}
      {query.error ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? children(query.data) : null}
    </>
  );
}

/**
 * A page that adds an entry (no id: the form at once) or edits one (the form once the entry
 * has loaded, keyed by its version so a newer version starts a fresh form), refused when the
 * policy says the user may not edit it.
 */
export function EntryFormFrame<T extends { version: number }>({
  editing,
  query,
  mayEdit,
  back,
  title,
  children,
}: {
  editing: boolean;
  query: UseQueryResult<T>;
  mayEdit: (entry: T) => boolean;
  back: Back;
  title: string;
  children: (entry: T | null) => ReactNode;
}) {
  if (editing && query.data && !mayEdit(query.data)) return <ForbiddenPage />;
  if (editing)
    return (
      <QueryPage back={back} title={title} query={query}>
        {(entry) => children(entry)}
      </QueryPage>
    );
  return (
    <>
      <BackLink to={back[0]}>{back[1]}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      {children(null)}
    </>
  );
}

export type Fact = [label: string, value: ReactNode];

export function Facts({ rows, testId }: { rows: Fact[]; testId?: string }) {
  return (
    <dl className="fact-list" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Accessibility features, each with a check mark; "none recorded" when empty. At home or on
 * the phone there is no place to reach, so `placeKind` other than a venue says "not relevant".
 */
export function FeatureList({
  features,
  placeKind = "venue",
  testId,
}: {
  features: readonly string[];
  placeKind?: string;
  testId?: string;
}) {
  const w = useWords();
  if (placeKind !== "venue") return <span data-testid={testId}>{w.t("activity.featuresNotRelevant")}</span>;
  if (features.length === 0) return <span data-testid={testId}>{w.t("activity.noFeatures")}</span>;
  return (
    <ul className="catalog-features" data-testid={testId}>
      {features.map((f) => (
        <li key={f} data-feature={f}>
          <Icon name="check" className="catalog-feature-icon" />
          {w.code("accessibility", f)}
        </li>
      ))}
    </ul>
  );
}

export function ThemeTags({ themes }: { themes: readonly string[] }) {
  const w = useWords();
  if (themes.length === 0) return null;
  return (
    <span className="catalog-tags">
      {themes.map((id) => (
        <span key={id} className="catalog-tag">
          {w.theme(id)}
        </span>
      ))}
    </span>
  );
}

/** The day DEFAULT_REVIEW_MONTHS months before today (YYYY-MM-DD). */
export function reviewCutoff(months = DEFAULT_REVIEW_MONTHS): string {
  const [y, m, d] = todayInCopenhagen().split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - months, d));
  return date.toISOString().slice(0, 10);
}

/** "Last verified" with a warning icon and words when it is older than the review limit, or never. */
export function LastVerified({ on }: { on: string | null }) {
  const { t } = useTranslation("catalog");
  const dates = useDates();
  const due = on === null || on < reviewCutoff();
  return (
    <span className={due ? "warn-text" : undefined}>
      {due ? <Icon name="warning" className="warn-icon" /> : null}
      {on ? dates.day(on) : t("verify.never")}
      {due ? ` (${t("verify.due")})` : null}
    </span>
  );
}
