/**
 * Routes. The shell (layout, login, start page, citizen list) loads at once; citizen pages,
 * forms and administration load on first use.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { Navigate, type RouteObject } from "react-router";
import { NotFoundPage } from "../pages/NotFoundPage";
import { LoginPage } from "../pages/auth/LoginPage";
import { CitizenListPage } from "../pages/citizens/CitizenListPage";
import { HomePage } from "../pages/home/HomePage";
import { catalogRoutes } from "../pages/catalog/routes";
import { reportRoutes } from "../pages/reports/routes";
import { courseRoutes } from "../pages/courses/routes";
import { detectionRoutes, publicDetectionRoutes } from "../pages/detection/routes";
import { platformRoutes } from "../pages/platform/routes";
import { Layout } from "./Layout";
import { lazyPage } from "./lazy-page";
import { RequireAuth, RequireCan } from "./session";

const OutboxPage = lazy(() => import("../offline/OutboxPage"));
const ChangePasswordPage = lazy(() => import("../pages/auth/ChangePasswordPage"));
const ProfilePage = lazy(() => import("../pages/messaging/ProfilePage"));
const CitizenPage = lazy(() => import("../pages/citizens/CitizenPage"));
const CreateCitizenPage = lazy(() => import("../pages/citizens/CreateCitizenPage"));
const EditCitizenPage = lazy(() => import("../pages/citizens/EditCitizenPage"));
const AuditPage = lazy(() => import("../pages/citizens/AuditPage"));
const CitizenPrivacyPage = lazy(() => import("../pages/privacy/CitizenPrivacyPage"));
const AccessExportPage = lazy(() => import("../pages/privacy/AccessExportPage"));
const OrganisationsPage = lazy(() => import("../pages/admin/OrganisationsPage"));
const DistrictsPage = lazy(() => import("../pages/admin/DistrictsPage"));
const UsersPage = lazy(() => import("../pages/admin/UsersPage"));
const SecurityLogPage = lazy(() => import("../pages/admin/SecurityLogPage"));
const JobsPage = lazy(() => import("../pages/admin/JobsPage"));
const RecordsPage = lazy(() => import("../pages/privacy/RecordsPage"));
const RetentionPage = lazy(() => import("../pages/privacy/RetentionPage"));
const CareRecordPage = lazy(() => import("../pages/care-record/CareRecordPage"));
const MessagingPage = lazy(() => import("../pages/messaging/MessagingPage"));
const ScimTokensPage = lazy(() => import("../pages/admin/ScimTokensPage"));
const IdentityProviderPage = lazy(() => import("../pages/admin/IdentityProviderPage"));

const admin = (page: LazyExoticComponent<ComponentType>) => lazyPage(page, { kind: "admin.manage" });

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: "/login", element: <LoginPage /> },
      ...publicDetectionRoutes,
      // The platform administration (issue 15 point 3): its own session, not a staff one.
      ...platformRoutes,
      {
        element: <RequireAuth />,
        children: [
          { path: "/", element: <HomePage /> },
          { path: "/skift-adgangskode", element: lazyPage(ChangePasswordPage) },
          { path: "/min-profil", element: lazyPage(ProfilePage) },
          { path: "/afsendelser", element: lazyPage(OutboxPage) },
          {
            path: "/borgere",
            element: (
              <RequireCan action={{ kind: "citizen.list" }}>
                <CitizenListPage />
              </RequireCan>
            ),
          },
          { path: "/borgere/ny", element: lazyPage(CreateCitizenPage, { kind: "citizen.create" }) },
          { path: "/borgere/:id", element: lazyPage(CitizenPage) },
          { path: "/borgere/:id/rediger", element: lazyPage(EditCitizenPage) },
          { path: "/borgere/:id/logning", element: lazyPage(AuditPage) },
          { path: "/borgere/:id/databeskyttelse", element: lazyPage(CitizenPrivacyPage) },
          { path: "/borgere/:id/indsigt", element: lazyPage(AccessExportPage) },
          { path: "/administration", element: <Navigate to="/administration/organisationer" replace /> },
          { path: "/administration/organisationer", element: admin(OrganisationsPage) },
          { path: "/administration/distrikter", element: admin(DistrictsPage) },
          { path: "/administration/brugere", element: admin(UsersPage) },
          {
            path: "/administration/sikkerhedslog",
            element: lazyPage(SecurityLogPage, { kind: "securityLog.read" }),
          },
          { path: "/administration/job", element: lazyPage(JobsPage, { kind: "job.status" }) },
          {
            path: "/administration/log-ind",
            element: lazyPage(IdentityProviderPage, { kind: "identityProvider.manage" }),
          },
          {
            path: "/administration/opbevaring",
            element: lazyPage(RetentionPage, { kind: "retention.read" }),
          },
          {
            path: "/administration/databeskyttelse",
            element: lazyPage(RecordsPage, { kind: "privacy.records" }),
          },
          {
            path: "/administration/omsorgsjournal",
            element: lazyPage(CareRecordPage, { kind: "careRecord.import" }),
          },
          {
            path: "/administration/beskeder",
            element: lazyPage(MessagingPage, { kind: "messaging.configure" }),
          },
          {
            path: "/administration/provisionering",
            element: lazyPage(ScimTokensPage, { kind: "scimToken.manage" }),
          },
          ...detectionRoutes,
          ...courseRoutes,
          ...catalogRoutes,
          ...reportRoutes,
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
