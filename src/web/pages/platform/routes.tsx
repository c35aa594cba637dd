/**
 * The platform administration's pages (issue 15 point 3), loaded on first use. They sit outside the
 * staff pages' RequireAuth: a platform administrator has a session of their own (RequirePlatform).
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { lazyPage } from "../../app/lazy-page";

const PlatformLoginPage = lazy(() => import("./PlatformLoginPage"));
const PlatformHomePage = lazy(() => import("./PlatformHomePage"));
const CreateMunicipalityPage = lazy(() => import("./CreateMunicipalityPage"));

export const platformRoutes: RouteObject[] = [
  { path: "/platform/log-ind", element: lazyPage(PlatformLoginPage) },
  { path: "/platform", element: lazyPage(PlatformHomePage) },
  { path: "/platform/kommuner/ny", element: lazyPage(CreateMunicipalityPage) },
];
