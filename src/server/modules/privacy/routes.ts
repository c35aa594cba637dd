import type { App } from "../../platform/app-type.js";
import { accessExportRoutes } from "./access-export-routes.js";
import { erasureRoutes } from "./erasure-routes.js";
import { recordsRoutes } from "./records-routes.js";
import { retentionRoutes } from "./retention-routes.js";
import { rightsRoutes } from "./rights-routes.js";

/**
 * The privacy module's routes (issue 13): each part registers its own plugin here, one line each.
 */
export async function privacyRoutes(app: App): Promise<void> {
  void app;
  await recordsRoutes(app);
  await rightsRoutes(app);
  await erasureRoutes(app);
  await accessExportRoutes(app);
  await retentionRoutes(app);
}
