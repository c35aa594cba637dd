/**
 * Afprøv (issue 5) in the app: the activity catalog, the printable list, the volunteer centre's
 * referrals, small communities — routes, menu items, start-page cards — and the course page's
 * "Find fællesskaber" section. Every page is lazy-loaded, so this module adds little to the shell.
 */
import type { TFunction } from "i18next";
import { type ComponentType, type LazyExoticComponent, Suspense, lazy } from "react";
import type { RouteObject } from "react-router";
import type { Action } from "../../../domain/access-policy";
import type { CourseDetail } from "../../../shared/api/courses";
import type { HomeCard, NavItem } from "../../app/nav";
import { lazyPage } from "../../app/lazy-page";
import { Spinner } from "../../components/Spinner";

const CatalogSearchPage = lazy(() => import("./search/CatalogSearchPage"));
const ActivityPage = lazy(() => import("./activity/ActivityPage"));
const ActivityFormPage = lazy(() => import("./activity/ActivityFormPage"));
const OrganisationListPage = lazy(() => import("./organisation/OrganisationListPage"));
const OrganisationPage = lazy(() => import("./organisation/OrganisationPage"));
const OrganisationFormPage = lazy(() => import("./organisation/OrganisationFormPage"));
const ReviewPage = lazy(() => import("./upkeep/ReviewPage"));
const HsdsPage = lazy(() => import("./upkeep/HsdsPage"));
const PrintPage = lazy(() => import("./print/PrintPage"));
const VolunteerPage = lazy(() => import("./volunteer/VolunteerPage"));
const CommunitiesPage = lazy(() => import("./communities/CommunitiesPage"));
const CommunityPage = lazy(() => import("./communities/CommunityPage"));
const FindCommunitiesLazy = lazy(() => import("./course/FindCommunitiesSection"));

const READ: Action = { kind: "catalog.read" };
const CREATE: Action = { kind: "catalog.create" };
const INBOX: Action = { kind: "volunteerReferral.inbox" };
const COMMUNITIES: Action = { kind: "smallCommunity.read" };

// Editing an entry depends on who manages it: those pages ask the policy themselves (READ here).
const PAGES: Array<[path: string, page: LazyExoticComponent<ComponentType>, action: Action]> = [
  ["/katalog", CatalogSearchPage, READ],
  ["/katalog/udskriv", PrintPage, READ],
  ["/katalog/aktiviteter/ny", ActivityFormPage, CREATE],
  ["/katalog/aktiviteter/:id", ActivityPage, READ],
  ["/katalog/aktiviteter/:id/rediger", ActivityFormPage, READ],
  ["/katalog/foreninger", OrganisationListPage, READ],
  ["/katalog/foreninger/ny", OrganisationFormPage, CREATE],
  ["/katalog/foreninger/:id", OrganisationPage, READ],
  ["/katalog/foreninger/:id/rediger", OrganisationFormPage, READ],
  ["/katalog/gennemgang", ReviewPage, CREATE],
  ["/katalog/hsds", HsdsPage, { kind: "catalog.export" }],
  ["/frivillig", VolunteerPage, INBOX],
  ["/smaa-faellesskaber", CommunitiesPage, COMMUNITIES],
  ["/smaa-faellesskaber/:id", CommunityPage, COMMUNITIES],
];

/** Pages behind the login (children of the foundation's RequireAuth). */
export const catalogRoutes: RouteObject[] = PAGES.map(([path, page, action]) => ({
  path,
  element: lazyPage(page, action),
}));

/** The volunteer centre's staff start from their referrals; everyone else from the catalog. */
export function catalogNavItems(t: TFunction, can: (action: Action) => boolean, role: string): NavItem[] {
  const items: NavItem[] = [];
  const volunteer = role === "volunteer_centre_staff";
  if (volunteer && can(INBOX)) items.push({ to: "/frivillig", label: t("catalog:nav.volunteer") });
  if (can(READ)) items.push({ to: "/katalog", label: t("catalog:nav.catalog") });
  if (!volunteer && can(INBOX)) items.push({ to: "/frivillig", label: t("catalog:nav.referrals") });
  if (can(COMMUNITIES)) items.push({ to: "/smaa-faellesskaber", label: t("catalog:nav.communities") });
  return items;
}

export function catalogHomeCards(t: TFunction, can: (action: Action) => boolean, role: string): HomeCard[] {
  const cards: HomeCard[] = [];
  if (can(INBOX)) {
    const volunteer = role === "volunteer_centre_staff";
    cards.push({
      to: "/frivillig",
      title: t(volunteer ? "catalog:home.volunteerTitle" : "catalog:home.referralsTitle"),
      text: t(volunteer ? "catalog:home.volunteerText" : "catalog:home.referralsText"),
      icon: "forum",
    });
  }
  if (can(READ))
    cards.push({
      to: "/katalog",
      title: t("catalog:home.catalogTitle"),
      text: t("catalog:home.catalogText"),
      icon: "search",
    });
  if (can(READ))
    cards.push({
      to: "/katalog/udskriv",
      title: t("catalog:home.printTitle"),
      text: t("catalog:home.printText"),
      icon: "print",
    });
  if (can(COMMUNITIES))
    cards.push({
      to: "/smaa-faellesskaber",
      title: t("catalog:home.communitiesTitle"),
      text: t("catalog:home.communitiesText"),
      icon: "groups",
    });
  return cards;
}

/** The course page's "Find fællesskaber": matching, placements and the volunteer-centre referral, loaded on demand. */
export function FindCommunities({ course }: { course: CourseDetail }) {
  return (
    <Suspense fallback={<Spinner />}>
      <FindCommunitiesLazy course={course} />
    </Suspense>
  );
}
