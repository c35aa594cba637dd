/**
 * Detection and referral (issue 3) in the app: routes, menu items and the citizen page's
 * section. Every page is lazy-loaded, so this module adds only a few hundred bytes to the
 * shell and the detection form's route carries only its own code.
 */
import type { TFunction } from "i18next";
import { Suspense, lazy } from "react";
import type { RouteObject } from "react-router";
import type { Action } from "../../../domain/access-policy";
import type { Me } from "../../../shared/api/auth";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type { NavItem } from "../../app/nav";
import { lazyPage } from "../../app/lazy-page";
import { Spinner } from "../../components/Spinner";

const MyDayPage = lazy(() => import("./MyDayPage"));
const ScreeningFormPage = lazy(() => import("./ScreeningFormPage"));
const DueListsPage = lazy(() => import("./DueListsPage"));
const DetectionAdminPage = lazy(() => import("./admin/DetectionAdminPage"));
const QuestionnaireVersionsPage = lazy(() => import("./admin/QuestionnaireVersionsPage"));
const InboxPage = lazy(() => import("../referrals/InboxPage"));
const ReferralDetailPage = lazy(() => import("../referrals/ReferralDetailPage"));
const RegisterReferralPage = lazy(() => import("../referrals/RegisterReferralPage"));
const SentReferralsPage = lazy(() => import("../referrals/SentReferralsPage"));
const TriagePage = lazy(() => import("../triage/TriagePage"));
const PublicReferralPage = lazy(() => import("../public-referral/PublicReferralPage"));
const CitizenDetectionSectionLazy = lazy(() => import("./CitizenDetectionSection"));
const TasksGlanceLazy = lazy(() => import("./TasksGlance"));

/** Pages behind the login (children of the foundation's RequireAuth). */
export const detectionRoutes: RouteObject[] = [
  { path: "/min-dag", element: lazyPage(MyDayPage, { kind: "detectionClip.list" }) },
  { path: "/borgere/:id/opsporing", element: lazyPage(ScreeningFormPage) },
  { path: "/henvisninger", element: lazyPage(InboxPage, { kind: "referral.inbox" }) },
  {
    path: "/henvisninger/ny",
    element: lazyPage(RegisterReferralPage, { kind: "referral.registerExternal" }),
  },
  { path: "/henvisninger/:id", element: lazyPage(ReferralDetailPage, { kind: "referral.inbox" }) },
  { path: "/sendte-henvisninger", element: lazyPage(SentReferralsPage, { kind: "referral.sentList" }) },
  { path: "/triage", element: lazyPage(TriagePage, { kind: "triage.run" }) },
  { path: "/opfoelgning", element: lazyPage(DueListsPage, { kind: "due.list" }) },
  {
    path: "/administration/opsporing",
    element: lazyPage(DetectionAdminPage, { kind: "questionnaire.manage" }),
  },
  {
    path: "/administration/opsporing/skemaer/:key",
    element: lazyPage(QuestionnaireVersionsPage, { kind: "questionnaire.manage" }),
  },
];

/** Pages without login (children of the layout, beside /login). */
export const publicDetectionRoutes: RouteObject[] = [
  { path: "/henvisning", element: lazyPage(PublicReferralPage) },
];

/** Menu items, each shown only to those the policy lets through. */
export function detectionNavItems(t: TFunction, can: (action: Action) => boolean, me: Me): NavItem[] {
  const items: NavItem[] = [];
  const coordinator = me.role === "community_coordinator";
  if (can({ kind: "detectionClip.list" }) && !coordinator)
    items.push({ to: "/min-dag", label: t("detection:nav.myDay") });
  if (can({ kind: "referral.inbox" })) items.push({ to: "/henvisninger", label: t("detection:nav.inbox") });
  if (can({ kind: "referral.sentList" }) && !coordinator)
    items.push({ to: "/sendte-henvisninger", label: t("detection:nav.sent") });
  if (can({ kind: "triage.run" })) items.push({ to: "/triage", label: t("detection:nav.triage") });
  if (can({ kind: "due.list" })) items.push({ to: "/opfoelgning", label: t("detection:nav.due") });
  if (can({ kind: "questionnaire.manage" }))
    items.push({ to: "/administration/opsporing", label: t("detection:nav.admin") });
  return items;
}

/** The citizen page's detection section (screenings, notes tagged ensomhed, advis, opsporingsklip), loaded on demand. */
export function CitizenDetection({ citizen, part }: { citizen: CitizenDetail; part: "actions" | "history" }) {
  return (
    <Suspense fallback={<Spinner />}>
      <CitizenDetectionSectionLazy citizen={citizen} part={part} />
    </Suspense>
  );
}

/**
 * The start page's main tasks (issue 17 point 3): a worker's "Mine borgere i dag", a coordinator's
 * new referrals. The same rules as the menu decide who sees which.
 */
export function HomeTasks({ me, can }: { me: Me; can: (action: Action) => boolean }) {
  const coordinator = me.role === "community_coordinator";
  const worker = can({ kind: "detectionClip.list" }) && !coordinator;
  const referrals = coordinator && can({ kind: "referral.inbox" });
  if (!worker && !referrals) return null;
  return (
    <Suspense fallback={<Spinner />}>
      <TasksGlanceLazy worker={worker} coordinator={referrals} />
    </Suspense>
  );
}
