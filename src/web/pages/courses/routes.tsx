/**
 * The course and the punch card (issue 4) in the app: routes, menu items, start-page cards,
 * and the pieces other pages embed (the citizen page's "Forløb" and "Tidslinje"). Every page is
 * lazy-loaded, so this module adds only a little to the shell.
 */
import type { TFunction } from "i18next";
import { Suspense, lazy } from "react";
import type { RouteObject } from "react-router";
import type { Action } from "../../../domain/access-policy";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type { HomeCard, NavItem } from "../../app/nav";
import { lazyPage } from "../../app/lazy-page";
import { Spinner } from "../../components/Spinner";

const CaseloadPage = lazy(() => import("./CaseloadPage"));
const CoordinatorsPage = lazy(() => import("./CoordinatorsPage"));
const CoursePage = lazy(() => import("./CoursePage"));
const RegisterClipPage = lazy(() => import("./RegisterClipPage"));
const CalendarPage = lazy(() => import("./CalendarPage"));
const BudgetsPage = lazy(() => import("./admin/BudgetsPage"));
const PolicyPage = lazy(() => import("./admin/PolicyPage"));
const DefinitionsPage = lazy(() => import("./admin/DefinitionsPage"));
const DefinitionVersionsPage = lazy(() => import("./admin/DefinitionVersionsPage"));
const CitizenCourseSectionLazy = lazy(() => import("./CitizenCourseSection"));
const CaseloadGlanceLazy = lazy(() => import("./CaseloadGlance"));

const ADMIN: Action = { kind: "courseDefinition.manage" };

/** Pages behind the login (children of the foundation's RequireAuth). */
export const courseRoutes: RouteObject[] = [
  { path: "/forloeb", element: lazyPage(CaseloadPage, { kind: "course.caseload" }) },
  { path: "/forloeb/koordinatorer", element: lazyPage(CoordinatorsPage, { kind: "course.caseloadAll" }) },
  { path: "/forloeb/:id", element: lazyPage(CoursePage) },
  { path: "/forloeb/:id/registrer-klip", element: lazyPage(RegisterClipPage) },
  { path: "/min-kalender", element: lazyPage(CalendarPage, { kind: "calendarFeed.manage" }) },
  { path: "/timebudgetter", element: lazyPage(BudgetsPage, { kind: "budget.read" }) },
  { path: "/administration/forloeb", element: lazyPage(PolicyPage, ADMIN) },
  { path: "/administration/forloeb/definitioner", element: lazyPage(DefinitionsPage, ADMIN) },
  {
    path: "/administration/forloeb/definitioner/:kind/:key",
    element: lazyPage(DefinitionVersionsPage, ADMIN),
  },
  { path: "/administration/forloeb/timebudgetter", element: lazyPage(BudgetsPage, ADMIN) },
];

/** The course menu item that belongs near the top: a coordinator's caseload, a manager's overview. */
export function courseMainNavItems(t: TFunction, can: (action: Action) => boolean): NavItem[] {
  if (can({ kind: "course.caseloadAll" }))
    return [{ to: "/forloeb/koordinatorer", label: t("courses:nav.coordinators") }];
  if (can({ kind: "course.caseload" })) return [{ to: "/forloeb", label: t("courses:nav.myCourses") }];
  return [];
}

/** The rest: the worker's calendar feed, hour budgets for those who grant from them, the administration. */
export function courseMoreNavItems(t: TFunction, can: (action: Action) => boolean, role: string): NavItem[] {
  const items: NavItem[] = [];
  if (can({ kind: "calendarFeed.manage" }))
    items.push({ to: "/min-kalender", label: t("courses:nav.calendar") });
  if (can({ kind: "budget.read" }) && (role === "team_leader" || role === "manager"))
    items.push({ to: "/timebudgetter", label: t("courses:nav.budgets") });
  if (can(ADMIN)) items.push({ to: "/administration/forloeb", label: t("courses:nav.admin") });
  return items;
}

export function courseHomeCards(t: TFunction, can: (action: Action) => boolean): HomeCard[] {
  const cards: HomeCard[] = [];
  if (can({ kind: "course.caseloadAll" }))
    cards.push({
      to: "/forloeb/koordinatorer",
      title: t("courses:home.coordinatorsTitle"),
      text: t("courses:home.coordinatorsText"),
      icon: "groups",
    });
  else if (can({ kind: "course.caseload" }))
    cards.push({
      to: "/forloeb",
      title: t("courses:home.caseloadTitle"),
      text: t("courses:home.caseloadText"),
      icon: "list-check",
    });
  if (can({ kind: "calendarFeed.manage" }))
    cards.push({
      to: "/min-kalender",
      title: t("courses:home.calendarTitle"),
      text: t("courses:home.calendarText"),
      icon: "calendar-month",
    });
  if (can(ADMIN))
    cards.push({
      to: "/administration/forloeb",
      title: t("courses:home.adminTitle"),
      text: t("courses:home.adminText"),
      icon: "tune",
    });
  return cards;
}

/** A coordinator's caseload at a glance on the start page. */
export function CaseloadGlance() {
  return (
    <Suspense fallback={<Spinner />}>
      <CaseloadGlanceLazy />
    </Suspense>
  );
}

/** The citizen page's "Forløb" and "Tidslinje", loaded on demand. */
export function CitizenCourses({ citizen }: { citizen: CitizenDetail }) {
  return (
    <Suspense fallback={<Spinner />}>
      <CitizenCourseSectionLazy citizen={citizen} />
    </Suspense>
  );
}
