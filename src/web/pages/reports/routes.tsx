/**
 * Evaluation and reporting (issue 6) in the app: routes, the menu item, start-page cards, and
 * the course page's "Effektmåling" section. Every page is lazy-loaded (recharts only with the
 * pages that draw a chart), so this module adds little to the shell.
 */
import type { TFunction } from "i18next";
import { type ComponentType, type LazyExoticComponent, Suspense, lazy } from "react";
import type { RouteObject } from "react-router";
import type { Action } from "../../../domain/access-policy";
import type { CourseDetail } from "../../../shared/api/courses";
import type { HomeCard, NavItem } from "../../app/nav";
import { lazyPage } from "../../app/lazy-page";
import { Spinner } from "../../components/Spinner";

const StatusPage = lazy(() => import("./StatusPage"));
const FunnelPage = lazy(() => import("./FunnelPage"));
const UsagePage = lazy(() => import("./UsagePage"));
const FigureCitizensPage = lazy(() => import("./FigureCitizensPage"));
const OutcomesDuePage = lazy(() => import("./OutcomesDuePage"));
const OutcomesSectionLazy = lazy(() => import("./course/OutcomesSection"));

const VIEW: Action = { kind: "report.view" };
const CITIZENS: Action = { kind: "report.citizens" };
/** The API's due list is the caseload's (coordinators: their own or everyone's; managers: all). */
const DUE: Action = { kind: "course.caseload" };

const PAGES: Array<[path: string, page: LazyExoticComponent<ComponentType>, action: Action]> = [
  ["/rapporter", StatusPage, VIEW],
  ["/rapporter/tragt", FunnelPage, VIEW],
  ["/rapporter/klippekort", UsagePage, VIEW],
  ["/rapporter/tal/:figure", FigureCitizensPage, CITIZENS],
  ["/rapporter/maalinger", OutcomesDuePage, DUE],
];

/** Pages behind the login (children of the foundation's RequireAuth). */
export const reportRoutes: RouteObject[] = PAGES.map(([path, page, action]) => ({
  path,
  element: lazyPage(page, action),
}));

/** "Status og evaluering" for everyone who may read the reports. */
export function reportNavItems(t: TFunction, can: (action: Action) => boolean): NavItem[] {
  return can(VIEW) ? [{ to: "/rapporter", label: t("reports:nav.reports") }] : [];
}

export function reportHomeCards(t: TFunction, can: (action: Action) => boolean): HomeCard[] {
  const cards: HomeCard[] = [];
  if (can(VIEW))
    cards.push({
      to: "/rapporter",
      title: t("reports:home.reportsTitle"),
      text: t("reports:home.reportsText"),
      icon: "analytics",
    });
  if (can(DUE))
    cards.push({
      to: "/rapporter/maalinger",
      title: t("reports:home.dueTitle"),
      text: t("reports:home.dueText"),
      icon: "checklist",
    });
  return cards;
}

/** The course page's "Effektmåling": baseline and follow-up outcome questionnaires, loaded on demand. */
export function CourseOutcomes({ course }: { course: CourseDetail }) {
  return (
    <Suspense fallback={<Spinner />}>
      <OutcomesSectionLazy course={course} />
    </Suspense>
  );
}
